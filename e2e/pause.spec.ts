import { expect, test } from './fixtures/server.ts';
import { childExec, childExit, type ChildSpec } from './fixtures/events.ts';

const nc: ChildSpec = {
  pid: 52101,
  ktime: 11700000000000,
  binary: '/usr/bin/nc',
  arguments: '-l 4444',
  time: '2022-05-11T12:58:00.000Z',
};

test('pause holds live updates back, counts them, and resume applies them at once', async ({
  page,
  server,
}) => {
  await page.goto(`${server.baseURL}/?ns=default&pod=xwing`);
  const tree = page.getByRole('tree', { name: 'Process tree of default/xwing' });
  await expect(tree.getByRole('treeitem')).toHaveCount(2);

  const pause = page.getByTestId('pause-button');
  await pause.click();
  await expect(pause).toHaveAttribute('aria-pressed', 'true');
  await expect(page).toHaveURL(/[?&]paused=1/);

  const { line, execId } = childExec(nc);
  await server.appendLines([line]);
  await expect(page.getByTestId('held-count')).toHaveText('1 new');
  await server.appendLines([childExit(nc, { status: 1, time: '2022-05-11T12:58:02.000Z' })]);
  await expect(pause).toHaveAccessibleName('Resume live updates (1 new)');
  // Held, not applied: the tree is as it was when paused.
  await expect(tree.getByRole('treeitem')).toHaveCount(2);

  await page.keyboard.press('p');
  await expect(pause).toHaveAttribute('aria-pressed', 'false');
  await expect(page).not.toHaveURL(/paused=1/);
  await expect(page.getByTestId('held-count')).toHaveCount(0);
  const node = tree.locator(`[data-exec-id="${execId}"]`);
  await expect(node).toBeVisible();
  await expect(node.getByTestId('node-badge')).toHaveText('exit 1');
});

test('a paused link opens paused, with the tree loaded', async ({ page, server }) => {
  await page.goto(`${server.baseURL}/?ns=default&pod=xwing&paused=1`);
  await expect(page.getByTestId('pause-button')).toHaveAttribute('aria-pressed', 'true');
  const tree = page.getByRole('tree', { name: 'Process tree of default/xwing' });
  await expect(tree.getByRole('treeitem')).toHaveCount(2);
  await server.appendLines([childExec({ ...nc, pid: 52102, ktime: 11800000000000 }).line]);
  await expect(page.getByTestId('held-count')).toHaveText('1 new');
  await expect(tree.getByRole('treeitem')).toHaveCount(2);
});
