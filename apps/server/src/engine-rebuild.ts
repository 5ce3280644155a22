import type { RebuildProgress } from '@exectree/domain';

/**
 * How long one slice of rebuild work may hold the event loop: a page load is some dozens of
 * requests in a row, each waiting up to one slice, and a slice costs well under 1 % in
 * overhead.
 */
export const REBUILD_SLICE_MS = 10;

/** The tree being rebuilt from the store, as the info route and the live hub see it. */
export interface RebuildStatus {
  /** How far the replay got; null once the tree holds every stored event. */
  progress(): RebuildProgress | null;
  /** Resolves once done (at once when the first slice finished the store); rejects if it failed. */
  readonly done: Promise<void>;
  /** Called once when done (at once if it already is). */
  onDone(listener: () => void): void;
  /**
   * How long to leave the event loop (and the CPU) to others between two slices; 0, the
   * default, runs the next slice in the next turn. The server pauses while it serves pages.
   */
  setPause(pauseMs: () => number): void;
}

export interface SlicedWork {
  /** Works for about `budgetMs`; returns true when nothing is left. */
  step(budgetMs: number): boolean;
  progress(): RebuildProgress;
  /** Runs once, in the slice that finished the work, before `done` resolves. */
  finish(): void;
}

export interface RebuildRun extends RebuildStatus {
  /** Stops between slices (closing during a rebuild); `done` then never resolves. */
  stop(): void;
}

/**
 * Runs the work a slice at a time, the first one before returning, then one per turn of the
 * event loop (setImmediate), so requests, ingest and timers run between slices.
 */
export function runInSlices(work: SlicedWork, sliceMs = REBUILD_SLICE_MS): RebuildRun {
  let finished = false;
  let stopped = false;
  const listeners: (() => void)[] = [];
  let pause = () => 0;
  let resolve: () => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A failure is reported through `done`; nobody awaiting it must not crash the process.
  done.catch(() => undefined);

  const slice = () => {
    if (stopped) return;
    try {
      if (!work.step(sliceMs)) {
        const pauseMs = pause();
        if (pauseMs > 0) setTimeout(slice, pauseMs);
        else setImmediate(slice);
        return;
      }
      work.finish();
    } catch (error) {
      stopped = true;
      reject(error);
      return;
    }
    finished = true;
    resolve();
    for (const listener of listeners.splice(0)) listener();
  };
  slice();

  return {
    progress: () => (finished ? null : work.progress()),
    done,
    onDone(listener) {
      if (finished) listener();
      else listeners.push(listener);
    },
    setPause(pauseMs) {
      pause = pauseMs;
    },
    stop() {
      stopped = true;
    },
  };
}

/** A status that is done from the start (PostgreSQL: the tree follows the merged rows). */
export const NO_REBUILD: RebuildStatus = {
  progress: () => null,
  done: Promise.resolve(),
  onDone: (listener) => listener(),
  setPause: () => {},
};
