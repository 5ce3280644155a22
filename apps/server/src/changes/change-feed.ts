import { DELTA_FLUSH_INTERVAL_MS, type TreeChanges, type TreeWriter } from '@exectree/domain';
import type { Log } from '../log.ts';

/** Gets every drain, empty ones included (a listener may have per-tick work of its own). */
export type ChangeListener = (changes: TreeChanges) => void;

/**
 * The one consumer of `drainChanges()`: a drain hands its changes to one caller only, so
 * everything that follows the tree (the live hub, the process rows) listens here instead.
 */
export interface ChangeFeed {
  /** Adds a listener; the returned function removes it. */
  subscribe(listener: ChangeListener): () => void;
  /** Drains the tree once and hands the changes to every listener in subscription order. */
  flush(): void;
  /** Stops the timer; `flush` still works, so closing code can send the last changes. */
  close(): void;
}

export interface ChangeFeedDeps {
  tree: Pick<TreeWriter, 'drainChanges'>;
  log: Log;
  intervalMs?: number;
}

export function createChangeFeed(deps: ChangeFeedDeps): ChangeFeed {
  const listeners: ChangeListener[] = [];

  const flush = () => {
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

  const timer = setInterval(() => {
    try {
      flush();
    } catch (error) {
      deps.log(`changes: drain failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }, deps.intervalMs ?? DELTA_FLUSH_INTERVAL_MS);
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
    close() {
      clearInterval(timer);
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
