/** How often the event loop is sampled. */
const SAMPLE_MS = 20;
/** Weight of the newest sample; about the last ten samples count. */
const ALPHA = 0.2;

export interface LoopLag {
  /** Smoothed lateness of the event loop, in ms: how long a request waits to be read. */
  current(): number;
}

let shared: LoopLag | undefined;

/**
 * Measures how late a timer fires. Under saturation that lateness is what every request,
 * /healthz included, waits before it is even read; ingest admission sheds load on it. One
 * watcher per process (there is one event loop), which never keeps the process alive.
 */
export function watchLoopLag(): LoopLag {
  if (shared !== undefined) return shared;
  let lag = 0;
  let expected = performance.now() + SAMPLE_MS;
  const timer = setInterval(() => {
    const now = performance.now();
    lag = ALPHA * Math.max(0, now - expected) + (1 - ALPHA) * lag;
    expected = now + SAMPLE_MS;
  }, SAMPLE_MS);
  timer.unref();
  shared = { current: () => lag };
  return shared;
}
