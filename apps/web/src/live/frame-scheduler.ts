/** Schedules one callback per frame; injectable so tests can flush by hand. */
export interface FrameScheduler {
  schedule(callback: () => void): void;
  cancel(): void;
}

/**
 * requestAnimationFrame, with a timer as a fallback: rAF does not fire in hidden tabs,
 * and the buffer must still drain there.
 */
export function createAnimationFrameScheduler(fallbackMs = 250): FrameScheduler {
  let frame: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const clear = () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
    frame = null;
    timer = null;
  };
  return {
    schedule(callback) {
      if (frame !== null || timer !== null) return;
      const run = () => {
        clear();
        callback();
      };
      frame = requestAnimationFrame(run);
      timer = setTimeout(run, fallbackMs);
    },
    cancel: clear,
  };
}

/** A scheduler that runs only when told to: for tests. */
export function createManualScheduler(): FrameScheduler & { flush(): void; pending(): boolean } {
  let callback: (() => void) | null = null;
  return {
    schedule(next) {
      callback ??= next;
    },
    cancel() {
      callback = null;
    },
    flush() {
      const run = callback;
      callback = null;
      run?.();
    },
    pending: () => callback !== null,
  };
}
