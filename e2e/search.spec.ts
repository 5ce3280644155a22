import { expect, test } from './fixtures/server.ts';
import { CLUSTER, graph, openPostgres } from './fixtures/explorer.ts';

test.use({ simulated: CLUSTER });

test('Enter and Shift+Enter step through matches, opening the folded group that hides them', async ({
  page,
  server,
}) => {
  // Exec probes shown: kubelet's `sh -c pg_isready` runs fold into one "×N" card.
  await openPostgres(page, server.baseURL, '&probes=1');
  const tree = graph(page);
  await expect(tree.getByTestId('process-group').filter({ hasText: 'pg_isready' })).toBeVisible();
  const probeCards = tree.getByTestId('process-node').filter({ hasText: 'pg_isready' });
  await expect(probeCards).toHaveCount(0);

  await page.keyboard.press('/');
  const search = page.getByRole('combobox', { name: 'Search processes' });
  await expect(search).toBeFocused();
  await search.fill('pg_isready');
  const count = page.getByTestId('match-count');
  await expect(count).toHaveText(/^\d+ matches$/);
  const total = Number((await count.textContent())?.split(' ')[0]);
  expect(total).toBeGreaterThan(2);

  const selected = tree.getByTestId('process-node').and(page.locator('[aria-selected=true]'));
  await search.press('Enter');
  await expect(count).toHaveText(`1 of ${total}`);
  // The group opened to show the match, which is selected and in view.
  await expect(selected).toContainText('pg_isready');
  await expect(selected).toBeInViewport();
  // The other matches are ringed (the search's colour, not the card border).
  await expect(
    probeCards.and(page.locator('[aria-selected=false]')).first().locator('.gnode__card'),
  ).toHaveCSS('stroke', 'rgb(14, 116, 144)');
  const first = new URL(page.url()).searchParams.get('exec');
  expect(first).toBeTruthy();

  await search.press('Enter');
  await expect(count).toHaveText(`2 of ${total}`);
  await search.press('Shift+Enter');
  await expect(count).toHaveText(`1 of ${total}`);
  expect(new URL(page.url()).searchParams.get('exec')).toBe(first);
  await search.press('Shift+Enter');
  await expect(count).toHaveText(`${total} of ${total}`);
  await expect(selected).toContainText('pg_isready');

  // The same matches are marked in the timeline.
  await page.getByRole('radio', { name: 'Timeline' }).click();
  const grid = page.getByRole('treegrid', { name: 'Processes over time' });
  await expect(grid.locator('.tl-row--selected')).toContainText('pg_isready');
});

test('a result from another pod opens that pod with the match selected', async ({
  page,
  server,
}) => {
  await page.goto(`${server.baseURL}/`);
  await expect(page.getByTestId('tree-welcome')).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type('curl');

  const results = page.getByRole('listbox', { name: 'Matches in all pods' });
  await expect(results).toContainText('2 matches in 2 pods');
  const hit = results
    .getByRole('region', { name: /^payments \/ payments-api-/ })
    .getByTestId('search-result');
  await expect(hit).toContainText('localhost:8000/healthz');
  await hit.click();

  await expect(results).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]ns=payments&pod=payments-api-[^&]+&exec=[^&]+/);
  const tree = page.getByRole('tree', { name: /^Process tree of payments\/payments-api-/ });
  await expect(
    tree.getByTestId('process-node').and(page.locator('[aria-selected=true]')),
  ).toContainText('curl');
  await expect(page.getByTestId('detail-panel').getByTestId('command-line')).toContainText(
    'localhost:8000/healthz',
  );
  // The search stays: the open pod's match is counted.
  await expect(page.getByTestId('match-count')).toHaveText('1 of 1');
});

test('the flagged facet and the time range are applied by the server, across pods', async ({
  page,
  server,
}) => {
  const asked: URL[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/v1/search?')) asked.push(new URL(request.url()));
  });
  const total = async (query: string) => {
    const response = await page.request.get(`${server.baseURL}/api/v1/search?${query}`);
    return ((await response.json()) as { total: number }).total;
  };

  await page.goto(`${server.baseURL}/?flagged=1`);
  await page.getByTestId('all-pods-button').click();
  const results = page.getByRole('listbox', { name: 'Matches in all pods' });
  const flagged = await total('flagged=true&limit=10000');
  expect(flagged).toBeGreaterThan(0);
  await expect(results.getByRole('status')).toHaveText(new RegExp(`^${flagged} match`));
  expect(asked.at(-1)?.searchParams.get('flagged')).toBe('true');
  // Kubelet's exec probes run outside the entrypoint's tree, yet are no exec sessions.
  await expect(results.getByTestId('search-result')).not.toHaveCount(0);
  await expect(results.getByTestId('search-result').filter({ hasText: 'pg_isready' })).toHaveCount(
    0,
  );

  // A range of two minutes: fewer flagged processes were alive in it than in all.
  const earliest = (await (
    await page.request.get(`${server.baseURL}/api/v1/search?since=2000-01-01T00:00:00Z&limit=1`)
  ).json()) as { processes: { startTime: string }[] };
  const first = earliest.processes[0]?.startTime;
  expect(first).toBeTruthy();
  const from = new Date(Date.parse(first ?? '') + 60_000).toISOString();
  const to = new Date(Date.parse(first ?? '') + 120_000).toISOString();
  const inRange = await total(`flagged=true&from=${from}&to=${to}&limit=10000`);
  expect(inRange).toBeLessThan(flagged);
  await page.goto(`${server.baseURL}/?flagged=1&from=${from}&to=${to}`);
  await page.getByTestId('all-pods-button').click();
  if (inRange === 0) await expect(results.getByTestId('search-no-results')).toBeVisible();
  else await expect(results.getByRole('status')).toHaveText(new RegExp(`^${inRange} match`));
  const last = asked.at(-1);
  expect([last?.searchParams.get('from'), last?.searchParams.get('to')]).toEqual([from, to]);
});
