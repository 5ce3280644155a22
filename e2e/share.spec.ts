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
