import type { Page } from '@playwright/test';

/** What the page records; installed before the app loads (see `installRecorders`). */
interface BenchWindow {
  __benchLongTasks: { start: number; duration: number }[];
  /** Scenes the canvas renderer has drawn (it clears its canvas first). */
  __benchCanvasDraws: number;
}

export const CANVAS_SELECTOR = '[data-testid="process-graph-canvas"]';
export const NODE_SELECTOR = '[data-testid="process-graph"] [data-testid="process-node"]';

export async function installRecorders(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as BenchWindow;
    w.__benchLongTasks = [];
    w.__benchCanvasDraws = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        w.__benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
    const proto = CanvasRenderingContext2D.prototype;
    const clearRect = proto.clearRect;
    proto.clearRect = function (this: CanvasRenderingContext2D, x, y, width, height) {
      if (this.canvas.dataset['testid'] === 'process-graph-canvas') w.__benchCanvasDraws += 1;
      clearRect.call(this, x, y, width, height);
    };
  });
}

export async function resetLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as BenchWindow).__benchLongTasks.length = 0;
  });
}

export function longTasks(page: Page): Promise<{ start: number; duration: number }[]> {
  return page.evaluate(() => [...(window as unknown as BenchWindow).__benchLongTasks]);
}

export type Renderer = 'svg' | 'canvas' | 'none';

export interface Selection {
  ms: number;
  /** SVG: process cards in the DOM; canvas: the node count its toolbar states. */
  nodes: number;
  renderer: Renderer;
  complete: boolean;
}

/**
 * Clicks a pod in the list and times, in the page, until the graph of that pod shows
 * `expected` nodes (SVG: one `process-node` card each; canvas: the "N nodes · canvas"
 * toolbar count, then the next frame, which draws it) and one more frame was rendered.
 * Gives up after `timeoutMs`, or when the count stops growing for 3 s (then `complete` is
 * false and `ms` is when it last grew).
 */
export function timeSelection(
  page: Page,
  key: string,
  podName: string,
  expected: number,
  timeoutMs: number,
): Promise<Selection> {
  return page.evaluate(
    async ({ key, podName, expected, timeoutMs, nodeSelector, canvasSelector }) => {
      const item = [...document.querySelectorAll<HTMLElement>('[data-testid="group-item"]')].find(
        (el) => el.dataset['key'] === key,
      );
      if (!item) throw new Error(`no pod list item for ${key}`);
      const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const afterRendering = () =>
        new Promise<void>((resolve) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve();
          channel.port2.postMessage(0);
        });
      const shown = (): { nodes: number; renderer: 'svg' | 'canvas' | 'none' } => {
        const title = document.querySelector('[data-testid="group-header"] h1')?.textContent ?? '';
        if (!title.includes(podName)) return { nodes: 0, renderer: 'none' };
        if (document.querySelector(canvasSelector)) {
          const text = document.querySelector('[data-testid="canvas-mode"]')?.textContent ?? '';
          return {
            nodes: Number(/[\d,]+/.exec(text)?.[0]?.replace(/,/g, '') ?? 0),
            renderer: 'canvas',
          };
        }
        const nodes = document.querySelectorAll(nodeSelector).length;
        return { nodes, renderer: nodes > 0 ? 'svg' : 'none' };
      };
      const start = performance.now();
      item.click();
      let last = { nodes: 0, renderer: 'none' as 'svg' | 'canvas' | 'none' };
      let grewAt = start;
      for (;;) {
        await frame();
        const now = performance.now();
        const seen = shown();
        if (seen.nodes !== last.nodes) grewAt = now;
        last = seen;
        if (seen.nodes >= expected) {
          await frame();
          await afterRendering();
          return { ms: performance.now() - start, ...seen, complete: true };
        }
        if (now - start > timeoutMs || (seen.nodes > 0 && now - grewAt > 3000)) {
          return { ms: grewAt - start, ...last, complete: false };
        }
      }
    },
    {
      key,
      podName,
      expected,
      timeoutMs,
      nodeSelector: NODE_SELECTOR,
      canvasSelector: CANVAS_SELECTOR,
    },
  );
}

export interface FrameLog {
  /** Main-thread time of each frame that moved the view: frame start → rendered. */
  busy: number[];
  /** From the start of each such frame to the start of the next frame (its duration). */
  intervals: number[];
}

/**
 * Starts a rAF loop that records the frames that moved the view: for SVG, frames in which
 * the viewport's transform attribute changed; for the canvas, frames in which it drew.
 */
export async function startFrameLog(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow & {
      __benchFrames?: FrameLog & { stop: boolean };
    };
    const log = { busy: [] as number[], intervals: [] as number[], stop: false };
    w.__benchFrames = log;
    const viewport = document.querySelector('[data-testid="process-graph"] > g');
    interface Frame {
      start: number;
      busy: number | null;
      moved: boolean;
    }
    const frames: Frame[] = [];
    let lastTransform = viewport?.getAttribute('transform') ?? '';
    let lastDraws = w.__benchCanvasDraws;
    const settle = (f: Frame, next: number) => {
      if (!f.moved || f.busy === null) return;
      log.busy.push(f.busy);
      log.intervals.push(next - f.start);
    };
    const tick = (start: number) => {
      if (log.stop) return;
      const transform = viewport?.getAttribute('transform') ?? '';
      const previous = frames.at(-1);
      // The canvas draws in a rAF callback queued after this one: a draw seen now happened
      // in the previous frame, whose busy time includes it.
      if (previous && w.__benchCanvasDraws !== lastDraws) previous.moved = true;
      lastDraws = w.__benchCanvasDraws;
      if (previous) settle(previous, start);
      const frame: Frame = { start, busy: null, moved: transform !== lastTransform };
      lastTransform = transform;
      frames.push(frame);
      if (frames.length > 2) frames.shift();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        frame.busy = performance.now() - start;
      };
      channel.port2.postMessage(0);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export function stopFrameLog(page: Page): Promise<FrameLog> {
  return page.evaluate(() => {
    const w = window as unknown as { __benchFrames?: FrameLog & { stop: boolean } };
    const log = w.__benchFrames;
    if (!log) throw new Error('no frame log running');
    log.stop = true;
    return { busy: [...log.busy], intervals: [...log.intervals] };
  });
}
