import { expect, test } from './fixtures/server.ts';

test('losing the server keeps the last state on screen and says it is reconnecting', async ({
  page,
  server,
}) => {
  await page.goto(`${server.baseURL}/?ns=default&pod=xwing`);
  const tree = page.getByRole('tree', { name: 'Process tree of default/xwing' });
  const status = page.getByTestId('connection-status');
  await expect(status).toHaveAttribute('data-status', 'live');
  await expect(status).toHaveText('Live');
  await expect(tree.getByRole('treeitem')).toHaveCount(2);

  await server.stop();

  await expect(status).toHaveAttribute('data-status', 'reconnecting');
  await expect(page.getByTestId('connection-banner')).toContainText(
    'Connection to the server lost.',
  );
  // The last known tree stays visible.
  await expect(tree.getByRole('treeitem')).toHaveCount(2);
});
