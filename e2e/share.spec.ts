import { expect, test } from './fixtures/server.ts';
import { brush, CLUSTER, graph, openPostgres, timeline } from './fixtures/explorer.ts';

test.use({ simulated: CLUSTER });

test('Share copies a link that reopens the same view in a fresh browser', async ({
  browser,
  context,
  page,
  server,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: server.baseURL,
  });
  await openPostgres(page, server.baseURL);

  // Build a view through the UI: search, a selected match, split view, a range, paused.
  await page.keyboard.press('/');
  await page.keyboard.type('wal-archive');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('match-count')).toHaveText(/^1 of \d+$/);
  await page.getByRole('radio', { name: 'Split' }).click();
  await expect(timeline(page).getByRole('row').first()).toBeVisible();
  await brush(page, 0.05, 0.97);
  await expect(page).toHaveURL(/[?&]from=/);
  await page.getByTestId('pause-button').click();
  await expect(page).toHaveURL(/[?&]paused=1/);
  const count = await page.getByTestId('match-count').textContent();
  const exec = new URL(page.url()).searchParams.get('exec');
  expect(exec).toBeTruthy();

  await page.getByTestId('share-button').click();
  await expect(page.getByTestId('share-button')).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  for (const param of ['ns', 'pod', 'exec', 'q', 'view', 'from', 'to', 'paused']) {
    expect(new URL(copied).searchParams.has(param)).toBe(true);
  }

  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await again.goto(copied);
  await expect(again.getByTestId('group-header')).toContainText('postgres-0');
  await expect(again.getByRole('combobox', { name: 'Search processes' })).toHaveValue(
    'wal-archive',
  );
  await expect(again.getByTestId('match-count')).toHaveText(count ?? '');
  await expect(graph(again).locator(`[data-exec-id="${exec}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(again.getByRole('radio', { name: 'Split' })).toHaveAttribute('aria-checked', 'true');
  await expect(timeline(again).getByRole('row').first()).toBeVisible();
  await expect(again.getByTestId('range-chip')).toBeVisible();
  await expect(again.getByTestId('pause-button')).toHaveAttribute('aria-pressed', 'true');
  expect(again.url()).toBe(copied);
  await fresh.close();
});

test('folds are part of the link: a fresh browser gets the same nodes open and closed', async ({
  browser,
  page,
  server,
}) => {
  // Two browsers drawing a pod of 325 processes on a shared machine.
  test.setTimeout(60_000);
  await openPostgres(page, server.baseURL, '&probes=1');
  const tree = graph(page);
  const probes = tree.getByRole('treeitem', { name: /^\d+ × \/bin\/sh → .*pg_isready/ });
  const shell = tree.getByRole('treeitem', { name: /^\/bin\/bash — .*kubectl exec/ });
  const listing = tree.getByRole('treeitem', { name: /^\/usr\/bin\/ls -la/ });

  // Select a command of the exec session, close the session, then open the group of probes.
  await listing.click();
  await expect(listing).toHaveAttribute('aria-selected', 'true');
  await shell.getByTestId('node-toggle').click();
  await expect(shell).toHaveAttribute('aria-expanded', 'false');
  await expect(listing).toHaveCount(0);
  await probes.click();
  await expect(probes).toHaveAttribute('aria-expanded', 'true');
  const link = new URL(page.url());
  expect(link.searchParams.get('fold')).toMatch(/^[ce][0-9a-z]+\./);
  expect(link.searchParams.get('reveal')).toBe('0');
  expect(page.url().length).toBeLessThan(2_000);

  const fresh = await browser.newContext();
  const again = await fresh.newPage();
  await again.goto(page.url());
  const tree2 = graph(again);
  await expect(
    tree2.getByRole('treeitem', { name: /^\/bin\/bash — .*kubectl exec/ }),
  ).toHaveAttribute('aria-expanded', 'false');
  await expect(
    tree2.getByRole('treeitem', { name: /^\d+ × \/bin\/sh → .*pg_isready/ }),
  ).toHaveAttribute('aria-expanded', 'true');
  await expect(tree2.getByRole('treeitem', { name: /^\/usr\/bin\/ls -la/ })).toHaveCount(0);
  // The selection is kept (its details are open) though the fold hides it, as it was shared.
  await expect(again.getByTestId('detail-panel').getByTestId('command-line')).toContainText(
    'ls -la',
  );
  expect(again.url()).toBe(page.url());

  // On the first page, Back undoes one fold at a time.
  await page.goBack();
  await expect(probes).toHaveAttribute('aria-expanded', 'false');
  await expect(shell).toHaveAttribute('aria-expanded', 'false');
  await page.goBack();
  await expect(shell).toHaveAttribute('aria-expanded', 'true');
  await expect(listing).toHaveAttribute('aria-selected', 'true');
  await fresh.close();
});
