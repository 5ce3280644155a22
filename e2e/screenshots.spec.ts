/**
 * Regenerates docs/screenshots from the simulated demo cluster:
 *   SCREENSHOTS=1 npx playwright test -c e2e/playwright.config.ts screenshots
 * Skipped in normal runs (the demo data is random, so the pictures are not assertions).
 */
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, REPO_ROOT, test } from './fixtures/server.ts';
import { ATTACKED, findProcess, openPod as openPodAt, SEED_42 } from './fixtures/cluster.ts';
import { bigPodLines, BIG_NAMESPACE, BIG_POD, settledBox } from './fixtures/big-pod.ts';
import { hitMaxLine, SMALL_MAX_LINE } from './fixtures/limits.ts';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');

test.use({ demo: true, viewport: { width: 1440, height: 860 } });
test.skip(!process.env['SCREENSHOTS'], 'set SCREENSHOTS=1 to regenerate docs/screenshots');

async function openPod(page: Page, name: RegExp) {
  await page.getByRole('treeitem', { name }).first().click();
  await expect(
    page
      .getByRole('tree', { name: /^Process tree of / })
      .getByRole('treeitem')
      .first(),
  ).toBeVisible();
}

interface Node {
  execId: string;
  signal: string | null;
  children: Node[];
}

/** A pod and process worth showing: one killed by a signal, if the demo has one yet. */
async function findKilled(request: APIRequestContext, baseURL: string) {
  const { groups } = (await (await request.get(`${baseURL}/api/v1/groups`)).json()) as {
    groups: { kind: string; namespace: string; name: string }[];
  };
  for (const g of groups.filter((g) => g.kind === 'pod')) {
    const tree = (await (
      await request.get(`${baseURL}/api/v1/pods/${g.namespace}/${g.name}/tree`)
    ).json()) as { roots: Node[] };
    const stack = [...tree.roots];
    while (stack.length > 0) {
      const node = stack.pop() as Node;
      if (node.signal) return { ns: g.namespace, pod: g.name, exec: node.execId };
      stack.push(...node.children);
    }
  }
  return null;
}

test('screenshots of the main views', async ({ page, server }) => {
  test.setTimeout(60_000);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${server.baseURL}/`);
  await expect(page.getByTestId('group-item').first()).toBeVisible();
  await page.getByRole('button', { name: 'Hide demo notice' }).click();

  // Light: a database pod, where repeated siblings fold into ×N groups.
  await openPod(page, /^postgres-0,/);
  await page.screenshot({ path: path.join(OUT, 'pod-tree-light.png') });

  // Dark: an intrusion in a web pod, with the killed payload selected.
  await page.emulateMedia({ colorScheme: 'dark' });
  const killed = await findKilled(page.request, server.baseURL);
  if (killed) {
    const query = new URLSearchParams({ ns: killed.ns, pod: killed.pod, exec: killed.exec });
    await page.goto(`${server.baseURL}/?${query.toString()}`);
    await page.getByRole('button', { name: 'Hide demo notice' }).click();
  } else {
    await openPod(page, /^web-/);
    await page.getByRole('treeitem').last().click();
  }
  await expect(page.getByTestId('detail-panel')).toBeVisible();
  await expect(page.getByTestId('ancestry')).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'process-details-dark.png') });

  // Light: a node's host processes.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await page
    .getByRole('treeitem', { name: /^gke-.*, \d+ processes/ })
    .first()
    .click();
  await expect(
    page
      .getByRole('tree', { name: /^Process tree of / })
      .getByRole('treeitem')
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'host-tree-light.png') });
});

/** Opens a view by its URL (the URL holds all of it) and hides the demo notice. */
async function openView(page: Page, baseURL: string, query: string) {
  await page.goto(`${baseURL}/?${query}`);
  await page.getByRole('button', { name: 'Hide demo notice' }).click();
}

test('screenshots of the timeline and the search', async ({ page, server }) => {
  test.setTimeout(90_000);
  const grid = page.getByRole('treegrid', { name: 'Processes over time' });

  // Light: a database pod's timeline, running bars growing to "now", loss markers on the axis.
  await page.emulateMedia({ colorScheme: 'light' });
  await openView(page, server.baseURL, 'ns=payments&pod=postgres-0&view=timeline');
  await expect(grid.getByRole('row').first()).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'timeline-light.png') });

  // Dark: graph and timeline split, a match of a search selected in both.
  await page.emulateMedia({ colorScheme: 'dark' });
  await openView(page, server.baseURL, 'ns=payments&pod=postgres-0&view=split&q=wal-archive');
  await expect(page.getByTestId('match-count')).toHaveText(/ matches$/);
  await page.getByRole('combobox', { name: 'Search processes' }).press('Enter');
  await expect(page.getByTestId('match-count')).toHaveText(/^1 of /);
  await expect(grid.locator('.tl-row--selected')).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'timeline-split-dark.png') });

  // Light: a brushed time range filters graph and timeline.
  await page.emulateMedia({ colorScheme: 'light' });
  await openView(page, server.baseURL, 'ns=payments&pod=postgres-0&view=split');
  await expect(grid.getByRole('row').first()).toBeVisible();
  const axis = await page.getByTestId('timeline-axis').boundingBox();
  const rows = await grid.boundingBox();
  if (axis && rows) {
    const y = rows.y + 40;
    await page.mouse.move(axis.x + axis.width * 0.55, y);
    await page.mouse.down();
    await page.mouse.move(axis.x + axis.width * 0.8, y, { steps: 6 });
    await page.mouse.up();
  }
  await expect(page.getByTestId('range-chip')).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'timeline-range-light.png') });

  // Dark: a search across every pod, each hit under the ancestors that lead to it.
  await page.emulateMedia({ colorScheme: 'dark' });
  await openView(page, server.baseURL, '');
  await page.keyboard.press('/');
  await page.keyboard.type('curl');
  await expect(page.getByRole('listbox', { name: 'Matches in all pods' })).toContainText(
    / in \d+ pods?/,
  );
  await page.screenshot({ path: path.join(OUT, 'search-pods-dark.png') });

  // Light: the same search in one pod, with its filters.
  await page.emulateMedia({ colorScheme: 'light' });
  await openView(page, server.baseURL, 'ns=payments&pod=postgres-0&q=cp&fstate=exited');
  await expect(page.getByTestId('match-count')).toHaveText(/ matches$/);
  await page.getByRole('combobox', { name: 'Search processes' }).press('Enter');
  await expect(page.getByTestId('match-count')).toHaveText(/^1 of /);
  await page.getByRole('button', { name: /^Filters/ }).click();
  await expect(page.getByTestId('search-facets')).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'search-matches-light.png') });
});

test.describe('the explorer on a fixed simulated cluster', () => {
  test.use({ demo: false, simulated: SEED_42 });

  test('screenshots of findings, the detail panel and the canvas renderer', async ({
    page,
    server,
  }) => {
    test.setTimeout(90_000);
    // Light: an intrusion in a web pod, findings marked on the nodes.
    await page.emulateMedia({ colorScheme: 'light' });
    await openPodAt(page, server.baseURL, ATTACKED);
    await expect(page.getByTestId('finding-marker').first()).toBeVisible();
    await page.screenshot({ path: path.join(OUT, 'graph-findings-light.png') });

    // Dark: the payload selected: its findings, the ancestry from the host, every field.
    await page.emulateMedia({ colorScheme: 'dark' });
    const payload = await findProcess(page, server.baseURL, ATTACKED, '/tmp/.x');
    await openPodAt(page, server.baseURL, ATTACKED, payload);
    await expect(page.getByTestId('findings')).toBeVisible();
    await expect(page.getByTestId('ancestry')).toBeVisible();
    await page.screenshot({ path: path.join(OUT, 'detail-panel-dark.png') });

    // Light: 3,031 processes in one pod, drawn on a canvas; a job selected with the keyboard.
    await page.emulateMedia({ colorScheme: 'light' });
    await server.appendLines(bigPodLines(30, 100));
    await page.goto(`${server.baseURL}/?ns=${BIG_NAMESPACE}&pod=${BIG_POD}`);
    await expect(page.getByTestId('canvas-mode')).toBeVisible();
    await page.getByRole('tree', { name: `Process tree of ${BIG_NAMESPACE}/${BIG_POD}` }).focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.getByTestId('detail-panel').getByRole('heading', { level: 2 })).toHaveText(
      'job-00-001',
    );
    const ring = await settledBox(page.getByTestId('canvas-focus'));
    await page.mouse.move(ring.x + ring.width / 2, ring.y + ring.height / 2);
    await expect(page.getByRole('tooltip')).toBeVisible();
    await page.screenshot({ path: path.join(OUT, 'canvas-mode-light.png') });
  });
});

test.describe('the server notices', () => {
  test.use({ demo: false, simulated: SEED_42, serverArgs: SMALL_MAX_LINE });

  test('screenshot of a limit hit and container restarts', async ({ page, server }) => {
    // Dark: a line over --max-line was dropped; the chip says so, with the restarts in the list.
    await hitMaxLine(page, server, 'gke-acme-default-1');
    await page.emulateMedia({ colorScheme: 'dark' });
    await openPodAt(page, server.baseURL, { ns: 'default', pod: 'storefront-27wnqqdmw5-cqptq' });
    await expect(page.getByTestId('restart-badge').first()).toBeVisible();
    await page.getByTestId('limits-chip').click();
    await expect(page.getByRole('dialog', { name: 'Limits hit' })).toBeVisible();
    await page.screenshot({ path: path.join(OUT, 'limits-restarts-dark.png') });
  });
});
