import { expect, test } from './fixtures/server.ts';
import {
  ATTACKED,
  ENTRYPOINT,
  findProcess,
  openPod,
  PROBED,
  processTree,
  SEED_42,
} from './fixtures/cluster.ts';

test.use({ simulated: SEED_42 });

test('any node collapses and expands, with the mouse and the keyboard', async ({
  page,
  server,
}) => {
  await openPod(page, server.baseURL, ATTACKED);
  const tree = processTree(page, ATTACKED);
  const shell = tree.getByRole('treeitem', { name: /^\/bin\/sh -c "curl/ });
  const payload = tree.getByRole('treeitem', { name: /^\/tmp\/\.x/ });
  await expect(shell).toHaveAttribute('aria-expanded', 'true');
  await expect(payload).toBeVisible();

  await shell.getByTestId('node-toggle').click();
  await expect(shell).toHaveAttribute('aria-expanded', 'false');
  await expect(payload).toHaveCount(0);
  await expect(shell.getByTestId('node-toggle')).toHaveText(/\+3$/);
  await expect(shell).toHaveAttribute(
    'aria-label',
    /collapsed, 3 processes below — 2 of them flagged/,
  );

  await shell.focus();
  await page.keyboard.press('ArrowRight');
  await expect(shell).toHaveAttribute('aria-expanded', 'true');
  await expect(payload).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(shell).toHaveAttribute('aria-expanded', 'false');

  // A collapsed node with flagged processes below says so.
  const root = tree.getByRole('treeitem', { name: /^\/usr\/sbin\/nginx/ }).first();
  await root.getByTestId('node-toggle').click();
  await expect(root.getByTestId('inside-finding-marker')).toHaveAttribute(
    'aria-label',
    /^\d+ flagged process(es)? inside$/,
  );
  await page.getByRole('button', { name: 'Reset folding' }).click();
  await expect(payload).toBeVisible();
});

test('exec probes are hidden behind a toggle that says how many', async ({ page, server }) => {
  await openPod(page, server.baseURL, PROBED);
  const tree = processTree(page, PROBED);
  const toggle = page.getByTestId('probe-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('hidden-probes')).toHaveText(/^[1-9][\d,]* hidden$/);
  const probes = tree.getByRole('treeitem', { name: /redis-cli ping/ });
  await expect(probes).toHaveCount(0);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  // The probes come back, folded into one group of repeated `sh › redis-cli` lanes.
  const group = tree.getByTestId('process-group');
  await expect(group).toHaveAttribute(
    'aria-label',
    /^\d+ × \/bin\/sh → \/usr\/local\/bin\/redis-cli/,
  );
  await group.click();
  await expect(group).toHaveAttribute('aria-expanded', 'true');
  await expect(probes.first()).toBeVisible();
  await expect(probes.first().getByTestId('chip-probe')).toBeVisible();
  await group.getByTestId('node-toggle').click();
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await expect(probes).toHaveCount(0);
});

test('an exec without fork is one lane: docker-entrypoint.sh › nginx', async ({ page, server }) => {
  await openPod(page, server.baseURL, ENTRYPOINT);
  const tree = processTree(page, ENTRYPOINT);
  const lane = tree.locator('[data-lane="2"]');
  await expect(lane).toHaveCount(1);
  await expect(lane).toHaveAttribute(
    'aria-label',
    /^\/docker-entrypoint\.sh nginx -g "daemon off;" → then exec → \/usr\/sbin\/nginx -g "daemon off;" — Running/,
  );
  await expect(lane.getByTestId('lane-segment')).toHaveText([/^docker-e/, 'nginx']);
  // nginx is not drawn as a child of the entrypoint: its workers hang below the lane.
  await expect(tree.getByRole('treeitem', { level: 1 })).toHaveCount(1);
  await expect(lane).toHaveAttribute('aria-level', '1');
  await expect(tree.getByRole('treeitem', { name: /^\/usr\/bin\/find/ })).toHaveAttribute(
    'aria-level',
    '2',
  );

  // Each segment opens its own image.
  await lane.getByTestId('lane-segment').first().click();
  const panel = page.getByTestId('detail-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('docker-entrypoint.sh');
  await expect(panel.getByTestId('exec-chain')).toContainText('docker-entrypoint.sh→nginx');
  await lane.getByTestId('lane-segment').last().click();
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('nginx');
});

test('findings show on the node and in the panel, linked to the related process', async ({
  page,
  server,
}) => {
  const payloadId = await findProcess(page, server.baseURL, ATTACKED, '/tmp/.x');
  await openPod(page, server.baseURL, ATTACKED);
  const tree = processTree(page, ATTACKED);
  const payload = tree.getByRole('treeitem', { name: /^\/tmp\/\.x/ });
  await expect(payload.getByTestId('finding-marker')).toHaveAttribute(
    'aria-label',
    'Finding: 2 findings: Binary run from a temporary or deleted file; Downloaded file made executable or run',
  );
  const shell = tree.getByRole('treeitem', { name: /^\/bin\/sh -c "curl/ });
  await expect(shell.getByTestId('finding-marker')).toHaveAttribute(
    'aria-label',
    'Finding: Shell spawned by a server process',
  );
  await expect(page.getByTestId('header-flagged')).toContainText('flagged');

  await payload.click();
  expect(new URL(page.url()).searchParams.get('exec')).toBe(payloadId);
  const findings = page.getByTestId('findings');
  await expect(findings.getByTestId('finding')).toHaveCount(2);
  await expect(findings.getByTestId('finding').first()).toContainText(
    'Binary run from a temporary or deleted file/tmp/.x',
  );
  await expect(findings.getByTestId('finding').last()).toContainText(
    'Downloaded file made executable or run',
  );
  await findings.getByTestId('finding-related').click();
  const panel = page.getByTestId('detail-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('curl');
  await expect(tree.getByRole('treeitem', { name: /^\/usr\/bin\/curl/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
});
