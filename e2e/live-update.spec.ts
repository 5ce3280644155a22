import { expect, test } from './fixtures/server.ts';
import { childExec, childExit, type ChildSpec } from './fixtures/events.ts';

const curl: ChildSpec = {
  pid: 52001,
  ktime: 11500000000000,
  binary: '/usr/bin/curl',
  arguments: 'https://deathstar.default.svc/v1/request-landing',
  time: '2022-05-11T12:56:00.100Z',
};

test('processes appended to the followed file appear live, without a reload', async ({
  page,
  server,
}) => {
  await page.goto(`${server.baseURL}/?ns=default&pod=xwing`);
  const tree = page.getByRole('tree', { name: 'Process tree of default/xwing' });
  await expect(tree.getByRole('treeitem')).toHaveCount(2);
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });

  const { line, execId } = childExec(curl);
  await server.appendLines([line]);

  const node = tree.getByRole('treeitem', { name: /^\/usr\/bin\/curl https:\/\/deathstar/ });
  await expect(node).toBeVisible();
  await expect(node).toHaveAttribute('data-exec-id', execId);
  await expect(node).toHaveAttribute('aria-level', '2');
  await expect(node.getByTestId('node-badge')).toHaveText('running');
  await expect(
    page.getByRole('treeitem', { name: /^xwing, 3 processes, 2 running/ }),
  ).toBeVisible();

  // It gets killed: the badge turns into the signal.
  await server.appendLines([
    childExit(curl, { signal: 'SIGKILL', time: '2022-05-11T12:56:03.000Z' }),
  ]);
  await expect(node.getByTestId('node-badge')).toHaveText('SIGKILL');

  expect(
    await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload),
  ).toBe(true);
});

test('processes POSTed to /api/v1/events appear live, including hostile names as text', async ({
  page,
  server,
}) => {
  await page.goto(`${server.baseURL}/?ns=default&pod=xwing`);
  const tree = page.getByRole('tree', { name: 'Process tree of default/xwing' });
  await expect(tree.getByRole('treeitem')).toHaveCount(2);

  const hostile: ChildSpec = {
    pid: 52002,
    ktime: 11600000000000,
    binary: '/tmp/<img src=x onerror=alert(1)>',
    arguments: '<script>alert(2)</script>',
    time: '2022-05-11T12:57:00.000Z',
  };
  const response = await page.request.post(`${server.baseURL}/api/v1/events`, {
    headers: { 'content-type': 'application/x-ndjson' },
    data: `${childExec(hostile).line}\n`,
  });
  expect(response.ok()).toBe(true);
  expect(await response.json()).toMatchObject({ accepted: 1, rejected: 0 });

  const node = tree.getByRole('treeitem', { name: /^\/tmp\/<img src=x onerror=alert\(1\)>/ });
  await expect(node).toContainText('<script>alert(2)</script>');
  await node.click();
  await expect(page.getByTestId('command-line')).toHaveText(
    '/tmp/<img src=x onerror=alert(1)> <script>alert(2)</script>',
  );
  // Rendered as text: no element was created from the payload.
  await expect(page.locator('img[src="x"], script:text("alert(2)")')).toHaveCount(0);
});
