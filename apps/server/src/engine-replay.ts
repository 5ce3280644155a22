import type { ParseResult, ProcessTreeBuilder, RebuildProgress } from '@exectree/domain';
import type { SlicedWork } from './engine-rebuild.ts';
import type { Log } from './log.ts';
import type { SyncEventStore } from './store/event-store.ts';
import { TreeReplay } from './store/rebuild.ts';

/** Row ids read per query of the stale-row sweep. */
const SWEEP_PAGE = 2_000;

export interface StoreReplayDeps {
  store: Pick<SyncEventStore, 'replay' | 'count'>;
  builder: ProcessTreeBuilder;
  parse: (line: string) => ParseResult;
  rows: {
    execIdsAfter(after: string, limit: number): string[];
    delete(execIds: readonly string[]): void;
  };
  /** After a crash: delete the rows of processes the rebuilt tree does not have. */
  sweepStaleRows: boolean;
  alreadyApplied: (id: string) => boolean;
  log: Log;
  /** The engine's part of finishing (drain, rows, limits), after the replay's own. */
  finish(sweptRows: number): void;
}

/**
 * The rebuild of a SQLite engine as sliced work: replay every stored event into the tree,
 * then, after a crash, sweep the process rows of processes the tree does not have.
 */
export function createStoreReplay(deps: StoreReplayDeps): SlicedWork {
  const total = deps.store.count();
  const replay = new TreeReplay({
    store: deps.store,
    writer: deps.builder,
    parse: deps.parse,
    alreadyApplied: deps.alreadyApplied,
  });
  let sweepAfter: string | undefined = deps.sweepStaleRows ? '' : undefined;
  let swept = 0;

  /** One page of the sweep at least, then more while the budget lasts. */
  const sweep = (budgetMs: number): boolean => {
    const deadline = performance.now() + budgetMs;
    while (sweepAfter !== undefined) {
      const ids = deps.rows.execIdsAfter(sweepAfter, SWEEP_PAGE);
      const stale = ids.filter((execId) => deps.builder.process(execId) === undefined);
      deps.rows.delete(stale);
      swept += stale.length;
      sweepAfter = ids.length < SWEEP_PAGE ? undefined : ids.at(-1);
      if (performance.now() >= deadline) break;
    }
    return sweepAfter === undefined;
  };

  return {
    step(budgetMs) {
      const start = performance.now();
      if (!replay.done && !replay.step(budgetMs)) return false;
      return sweep(Math.max(0, budgetMs - (performance.now() - start)));
    },
    progress(): RebuildProgress {
      return { replayed: Math.min(replay.result.applied + replay.result.skipped, total), total };
    },
    finish() {
      const { applied, skipped } = replay.result;
      if (applied + skipped > 0) {
        deps.log(`store: replayed ${applied} events${skipped ? `, skipped ${skipped}` : ''}`);
      }
      deps.finish(swept);
    },
  };
}
