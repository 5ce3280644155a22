import { expect, test } from './fixtures/server.ts';
import { bigPodLines, BIG_NAMESPACE, BIG_POD, settledBox } from './fixtures/big-pod.ts';

const TITLE = `Process tree of ${BIG_NAMESPACE}/${BIG_POD}`;

test('a pod with thousands of processes is drawn on a canvas, clickable and keyboard-navigable', async ({
  page,
  server,
}) => {
  await server.appendLines(bigPodLines(30, 100));
  await page.goto(`${server.baseURL}/?ns=${BIG_NAMESPACE}&pod=${BIG_POD}`);

  await expect(page.getByTestId('process-graph-canvas')).toBeVisible();
  await expect(page.getByTestId('canvas-mode')).toHaveText('3,031 nodes · canvas');
  await expect(page.locator('svg[data-testid="process-graph"]')).toHaveCount(0);

  // Keyboard focus is drawn as a ring over the focused card.
  const tree = page.getByRole('tree', { name: TITLE });
  await tree.focus();
  await page.keyboard.press('Home');
  const active = page.getByTestId('canvas-active-item');
  await expect(active).toHaveAttribute(
    'aria-label',
    /^\/usr\/local\/bin\/batch-server --listen :8080 — Running/,
  );
  const ring = page.getByTestId('canvas-focus');
  await expect(ring).toBeVisible();
  const box = await settledBox(ring);

  // Hovering shows a tooltip; clicking selects and opens the panel.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByRole('tooltip')).toContainText('/usr/local/bin/batch-server');
  await expect(page.getByRole('tooltip')).toContainText('--listen :8080');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const panel = page.getByTestId('detail-panel');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('batch-server');

  // With the panel open, the arrows move the selection through the tree.
  await page.keyboard.press('ArrowRight');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('worker-00');
  await expect(active).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('job-00-000');
  await page.keyboard.press('ArrowUp');
  await expect(panel.getByRole('heading', { level: 2 })).toHaveText('worker-00');

  // Left folds the worker's 100 jobs; the tree stays on the canvas.
  await page.keyboard.press('ArrowLeft');
  await expect(active).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('canvas-mode')).toHaveText('2,931 nodes · canvas');
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
});
