import { expect, test } from './fixtures/server.ts';
import { ATTACKED, findProcess, openPod, processTree, SEED_42 } from './fixtures/cluster.ts';

test.use({ simulated: SEED_42 });

test('the detail panel: ancestry across the pod boundary, children, events and raw JSON', async ({
  page,
  context,
  server,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: server.baseURL,
  });
  const shellId = await findProcess(page, server.baseURL, ATTACKED, '/bin/sh', /curl/);
  await openPod(page, server.baseURL, ATTACKED, shellId);
  const panel = page.getByTestId('detail-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('sh');

  // The breadcrumb starts on the host (the container shim) and says where it enters the pod.
  const runs = panel.getByTestId('ancestry-run');
  await expect(runs).toHaveCount(2);
  await expect(runs.first()).toContainText('Host');
  await expect(runs.first().getByTestId('ancestry-crumb')).toContainText([
    'containerd-shim-runc-v2',
  ]);
  await expect(runs.last()).toContainText(`entersPod${ATTACKED.ns}/${ATTACKED.pod}`);
  await expect(runs.last().getByTestId('ancestry-crumb').last()).toHaveAttribute(
    'aria-current',
    'true',
  );

  // Children, each opening its own details.
  const children = panel.getByTestId('children').getByTestId('process-row');
  await expect(children).toHaveCount(3);
  await expect(children.nth(0)).toContainText('curl');
  await expect(children.nth(2)).toContainText('.x');
  await children.nth(2).click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('.x');
  await expect(
    processTree(page, ATTACKED).getByRole('treeitem', { name: /^\/tmp\/\.x/ }),
  ).toHaveAttribute('aria-selected', 'true');

  // Its events: the exec, the kprobes, the exit, one line each.
  const events = panel.getByTestId('event-row');
  await expect(events.first()).toHaveAttribute('data-type', 'process_exec');
  await expect(
    panel.locator('[data-testid="event-row"][data-type="process_kprobe"]').first(),
  ).toContainText(/kprobe/);
  await expect(events.last()).toHaveAttribute('data-type', 'process_exit');
  await events.first().locator('summary').click();
  await expect(events.first().getByTestId('event-json')).toContainText('"process_exec"');

  // Copy all of them as JSON.
  await panel.getByRole('button', { name: 'Copy all events as JSON' }).click();
  await expect(panel.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText())) as Record<
    string,
    { process?: { binary?: string } }
  >[];
  expect(copied.length).toBe(await events.count());
  expect(copied[0]?.['process_exec']?.process?.binary).toBe('/tmp/.x');
});
