import { expect, test } from './fixtures/server.ts';
import { navigator, SEED_42 } from './fixtures/cluster.ts';

interface Summary {
  key: string;
  kind: string;
  namespace: string;
  workload: string | null;
  processes: number;
  running: number;
  exited: number;
}

test.use({ simulated: SEED_42 });

test('the navigator nests namespaces, workloads and pods, with rolled-up counts', async ({
  page,
  server,
}) => {
  await page.goto(`${server.baseURL}/`);
  const tree = navigator(page);
  const web = tree.getByRole('treeitem', { name: /^web \(Deployment\),/ });
  await expect(web).toBeVisible();

  const { groups } = (await (await page.request.get(`${server.baseURL}/api/v1/groups`)).json()) as {
    groups: Summary[];
  };
  const webPods = groups.filter((g) => g.namespace === 'default' && g.workload === 'web');
  expect(webPods.length).toBeGreaterThan(1);
  const sum = (pick: (g: Summary) => number) => webPods.reduce((n, g) => n + pick(g), 0);

  // Levels: namespace, workload, pod.
  await expect(tree.getByRole('treeitem', { name: /^default,/ })).toHaveAttribute(
    'aria-level',
    '1',
  );
  await expect(web).toHaveAttribute('aria-level', '2');
  await expect(web).toHaveAttribute(
    'aria-label',
    new RegExp(
      `^web \\(Deployment\\), ${sum((g) => g.processes)} processes, ${sum((g) => g.running)} running, ${sum((g) => g.exited)} exited`,
    ),
  );
  const pods = tree.locator('[data-key^="pod/default/web-"]');
  await expect(pods).toHaveCount(webPods.length);
  await expect(pods.first()).toHaveAttribute('aria-level', '3');

  // A pod with findings shows its flagged count.
  const attacked = tree.getByRole('treeitem', { name: /^web-pkssjcnzhr-bblc4,/ });
  await expect(attacked).toHaveAttribute('aria-label', /, \d+ flagged/);
  await expect(attacked.getByTestId('flagged-count')).toBeVisible();

  // Hosts are listed by node.
  const hosts = tree.getByRole('treeitem', { name: /^Hosts,/ });
  await expect(hosts).toHaveAttribute('aria-level', '1');
  await expect(tree.locator('[data-key^="host/"]')).toHaveCount(
    groups.filter((g) => g.kind === 'host').length,
  );

  // Collapse a level with the mouse, open it again with the keyboard.
  await web.click();
  await expect(web).toHaveAttribute('aria-expanded', 'false');
  await expect(pods).toHaveCount(0);
  await web.press('ArrowRight');
  await expect(web).toHaveAttribute('aria-expanded', 'true');
  await expect(pods).toHaveCount(webPods.length);
  const ns = tree.getByRole('treeitem', { name: /^default,/ });
  await ns.click();
  await expect(web).toHaveCount(0);
  await ns.press('ArrowRight');
  await expect(web).toBeVisible();

  // The filter box narrows the tree to matches and their parents; Enter opens the first.
  await page.getByRole('searchbox', { name: 'Filter pods' }).fill('bblc4');
  await expect(tree.getByRole('treeitem')).toHaveCount(3);
  await page.getByRole('searchbox', { name: 'Filter pods' }).press('Enter');
  await expect(attacked).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/ns=default&pod=web-pkssjcnzhr-bblc4/);
});

test('pods show their container restarts before they are opened', async ({ page, server }) => {
  await page.goto(`${server.baseURL}/`);
  const tree = navigator(page);
  // The simulated storefront pod's main process dies once and the kubelet restarts it.
  const restarted = tree.getByRole('treeitem', { name: /^storefront-27wnqqdmw5-cqptq,/ });
  await expect(restarted).toHaveAttribute('aria-label', /, 1 container restart$/);
  const badge = restarted.getByTestId('restart-badge');
  await expect(badge).toHaveText('1');
  await expect(badge).toHaveAttribute('title', '1 container restart');
  // Pods without restarts show no badge; the workload row adds its pods' restarts up.
  await expect(
    tree
      .getByRole('treeitem', { name: /^storefront \(Deployment\),/ })
      .getByTestId('restart-badge'),
  ).toHaveText('1');
  const quiet = tree.getByRole('treeitem', { name: /^redis-0,/ });
  await expect(quiet).toBeVisible();
  await expect(quiet.getByTestId('restart-badge')).toHaveCount(0);
});
