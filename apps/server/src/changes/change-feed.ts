import { DELTA_FLUSH_INTERVAL_MS, type TreeChanges, type TreeWriter } from '@exectree/domain';
import type { Log } from '../log.ts';

/** Gets every drain, empty ones included (a listener may have per-tick work of its own). */
export type ChangeListener = (changes: TreeChanges) => void;

/**
 * Shortest time between two drains that `touched` asks for. A delta then waits about half of
 * it on average instead of half the idle tick, and a burst of ingest turns still shares one
 * drain (and one socket message) per gap, so the cost per drain stays spread over its events.
 */
export const EAGER_FLUSH_GAP_MS = 20;

/**
 * The one consumer of `drainChanges()`: a drain hands its changes to one caller only, so
 * everything that follows the tree (the live hub, the process rows) listens here instead.
 */
export interface ChangeFeed {
  /** Adds a listener; the returned function removes it. */
  subscribe(listener: ChangeListener): () => void;
  /** Drains the tree once and hands the changes to every listener in subscription order. */
  flush(): void;
  /**
   * The tree changed: drain as soon as `eagerGapMs` has passed since the last drain,
   * instead of at the next tick. Cheap to call for every event.
   */
  touched(): void;
  /** Stops the timers; `flush` still works, so closing code can send the last changes. */
  close(): void;
}

export interface ChangeFeedDeps {
  tree: Pick<TreeWriter, 'drainChanges'>;
  log: Log;
  /** The idle tick: listeners get a drain at least this often (DELTA_FLUSH_INTERVAL_MS). */
  intervalMs?: number;
  /** Shortest time between drains asked for by `touched` (EAGER_FLUSH_GAP_MS). */
  eagerGapMs?: number;
  now?: () => number;
}

export function createChangeFeed(deps: ChangeFeedDeps): ChangeFeed {
  const listeners: ChangeListener[] = [];
  const now = deps.now ?? (() => performance.now());
  const gapMs = deps.eagerGapMs ?? EAGER_FLUSH_GAP_MS;
  let lastFlushAt = -Infinity;
  let soon: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    if (soon !== undefined) {
      clearTimeout(soon);
      soon = undefined;
    }
    lastFlushAt = now();
    const changes = deps.tree.drainChanges();
    for (const listener of [...listeners]) {
      try {
        listener(changes);
      } catch (error) {
        // One failing listener must not starve the others of this drain.
        deps.log(
          `changes: listener failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  };

  const flushLogged = () => {
    try {
      flush();
    } catch (error) {
      deps.log(`changes: drain failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const timer = setInterval(flushLogged, deps.intervalMs ?? DELTA_FLUSH_INTERVAL_MS);
  timer.unref();

  return {
    subscribe(listener) {
      listeners.push(listener);
      return () => {
        const index = listeners.indexOf(listener);
        if (index >= 0) listeners.splice(index, 1);
      };
    },
    flush,
    touched() {
      if (soon !== undefined || closed) return;
      // Never 0: the drain waits for the end of the current turn, so one ingest batch is whole.
      soon = setTimeout(flushLogged, Math.max(1, lastFlushAt + gapMs - now()));
      soon.unref();
    },
    close() {
      closed = true;
      clearInterval(timer);
      if (soon !== undefined) clearTimeout(soon);
      soon = undefined;
    },
  };
}

export function isEmpty(changes: TreeChanges): boolean {
  return (
    changes.upserts.length === 0 &&
    changes.removes.length === 0 &&
    changes.groups.length === 0 &&
    changes.markers.length === 0
  );
}
