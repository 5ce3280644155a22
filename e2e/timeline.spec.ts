import { expect, test } from './fixtures/server.ts';
import { childExec } from './fixtures/events.ts';
import { brush, CLUSTER, graph, openPostgres, rowCount, timeline } from './fixtures/explorer.ts';

test.describe('timeline on a simulated cluster', () => {
  test.use({ simulated: CLUSTER });

  test('lists the graph nodes in the same order and marks data loss on the axis', async ({
    page,
    server,
  }) => {
    await openPostgres(page, server.baseURL, '&view=split');
    const rows = timeline(page).getByRole('row');
    await expect(rows.first()).toBeVisible();

    // Row n of the timeline is node n of the graph (depth-first order).
    const rowIds = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-row-id')));
    const nodeIds = await graph(page)
      .getByRole('treeitem')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')));
    expect(rowIds.length).toBeGreaterThan(5);
    expect(nodeIds.slice(0, rowIds.length)).toEqual(rowIds);
    expect(await rowCount(timeline(page))).toBe(nodeIds.length);

    // Bars are coloured by outcome, and the node's loss markers sit on the axis.
    await expect(rows.first().getByTestId('timeline-bar').first()).toHaveAttribute(
      'data-tone',
      'running',
    );
    await expect(page.getByTestId('timeline-loss-marker').first()).toBeAttached();
  });

  test('brushing sets a time range that lands in the URL and filters both views', async ({
    page,
    server,
  }) => {
    await openPostgres(page, server.baseURL, '&view=split');
    await expect(timeline(page).getByRole('row').first()).toBeVisible();
    const rowsBefore = await rowCount(timeline(page));
    const nodesBefore = await graph(page).getByRole('treeitem').count();

    await brush(page, 0.45, 0.52);
    await expect(page).toHaveURL(/[?&]from=[^&]+&to=[^&]+/);
    const url = new URL(page.url());
    expect(Date.parse(url.searchParams.get('from') ?? '')).toBeLessThan(
      Date.parse(url.searchParams.get('to') ?? ''),
    );
    await expect(page.getByTestId('range-chip')).toBeVisible();
    await expect.poll(() => rowCount(timeline(page))).toBeLessThan(rowsBefore);
    await expect.poll(() => graph(page).getByRole('treeitem').count()).toBeLessThan(nodesBefore);

    // Back removes the range again.
    await page.goBack();
    await expect(page.getByTestId('range-chip')).toHaveCount(0);
    await expect.poll(() => rowCount(timeline(page))).toBe(rowsBefore);
  });

  test('selecting in the timeline selects in the graph, and back', async ({ page, server }) => {
    await openPostgres(page, server.baseURL, '&view=split');
    const row = timeline(page).getByRole('row').nth(2);
    const execId = await row.getAttribute('data-exec-id');
    expect(execId).toBeTruthy();
    await row.click();
    await expect(row).toHaveAttribute('aria-selected', 'true');
    await expect(graph(page).locator(`[data-exec-id="${execId}"]`)).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(new URL(page.url()).searchParams.get('exec')).toBe(execId);

    const nodeId = await graph(page)
      .getByTestId('process-node')
      .and(page.locator('[aria-selected=false]'))
      .first()
      .getAttribute('data-node-id');
    const node = graph(page).locator(`[data-node-id="${nodeId}"]`);
    await node.click();
    await expect(node).toHaveAttribute('aria-selected', 'true');
    await expect(timeline(page).locator(`[data-row-id="${nodeId}"]`)).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(row).toHaveAttribute('aria-selected', 'false');
  });
});

/** A process that starts now, alone in a pod of its own: its bar is the whole story. */
function sleeperExec(): { line: string; execId: string } {
  const { line, execId } = childExec({
    pid: 53001,
    ktime: 12000000000000,
    binary: '/usr/bin/sleep',
    arguments: '3600',
    time: new Date().toISOString(),
  });
  const event = JSON.parse(line) as {
    process_exec: { process: { pod: { name: string; container: { id: string } } } };
  };
  event.process_exec.process.pod.name = 'sleeper';
  event.process_exec.process.pod.container.id = 'containerd://5eeb5eeb5eeb';
  return { line: JSON.stringify(event), execId };
}

test('a running bar grows while the process runs', async ({ page, server }) => {
  const { line, execId } = sleeperExec();
  await page.goto(`${server.baseURL}/?ns=default&pod=sleeper&view=timeline`);
  await expect(page.getByTestId('tree-gone')).toBeVisible();
  await server.appendLines([line]);

  const bar = timeline(page).locator(`[data-exec-id="${execId}"]`).getByTestId('timeline-bar');
  await expect(bar).toHaveAttribute('data-tone', 'running');
  const width = async () => (await bar.boundingBox())?.width ?? 0;
  const first = await width();
  await expect.poll(width, { timeout: 8_000 }).toBeGreaterThan(first + 2);
});
