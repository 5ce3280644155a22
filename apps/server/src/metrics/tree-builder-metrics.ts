import type { TreeBuilderStats } from '@exectree/domain';
import type { MetricsRegistry } from './registry.ts';

/**
 * What the tree builder's own bounds dropped or hold (see builder-limits.ts), read at scrape
 * time: a rising drop count says a bound is too small for this cluster, or events arrive
 * very late.
 */
export function registerTreeBuilderMetrics(
  registry: MetricsRegistry,
  stats: () => TreeBuilderStats,
): void {
  const read = (field: keyof TreeBuilderStats) => () => [{ value: stats()[field] }];

  registry.counterFrom(
    'exectree_tree_late_events_dropped_total',
    'Events about a process the tree forgot recently (retention, --max-pod-processes), dropped instead of bringing it back.',
    read('lateEventsDropped'),
  );
  registry.counterFrom(
    'exectree_tree_attached_ids_evicted_total',
    'Probe event ids let go because a process had more than its window holds; a repeat of one of them is counted again.',
    read('attachedIdsEvicted'),
  );
  registry.counterFrom(
    'exectree_tree_waiting_exits_evicted_total',
    'Exits without exec_id dropped, oldest first, because too many waited at once for their process.',
    read('waitingExitsEvicted'),
  );
  registry.gauge(
    'exectree_tree_tombstones',
    'Exec ids of forgotten processes the tree remembers, so that their late events are dropped.',
    read('tombstones'),
  );
  registry.gauge(
    'exectree_tree_waiting_exits',
    'Exits without exec_id waiting for their process to be known.',
    read('waitingExits'),
  );
}
