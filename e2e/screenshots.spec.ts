/**
 * Regenerates docs/screenshots from the simulated demo cluster:
 *   SCREENSHOTS=1 npx playwright test -c e2e/playwright.config.ts screenshots
 * Skipped in normal runs (the demo data is random, so the pictures are not assertions).
 */
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, REPO_ROOT, test } from './fixtures/server.ts';

const OUT = path.join(REPO_ROOT, 'docs', 'screenshots');

test.use({ demo: true, viewport: { width: 1440, height: 860 } });
test.skip(!process.env['SCREENSHOTS'], 'set SCREENSHOTS=1 to regenerate docs/screenshots');

async function openPod(page: Page, name: RegExp) {
  await page.getByRole('option', { name }).first().click();
  await expect(page.getByRole('tree').getByRole('treeitem').first()).toBeVisible();
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
  await expect(page.getByRole('option').first()).toBeVisible();
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
    .getByRole('option', { name: /^gke-.*, \d+ processes/ })
    .first()
    .click();
  await expect(page.getByRole('tree').getByRole('treeitem').first()).toBeVisible();
  await page.screenshot({ path: path.join(OUT, 'host-tree-light.png') });
});
