import type { GroupSummary, ProcessTreeBuilder, TreeChanges } from '@exectree/domain';
import type { Log } from '../log.ts';

/** A group over the limit is trimmed to this share of it, so trims are rare. */
const TRIM_TO = 0.8;
/** Each pass evicts ended leaves; their parents may become ended leaves for the next. */
const MAX_PASSES = 8;

export interface PodProcessLimitDeps {
  tree: Pick<ProcessTreeBuilder, 'group' | 'endedLeaves' | 'forget'>;
  /** Most processes one group keeps in memory; 0 turns the limit off. */
  max: number;
  /** Told how many processes each trim evicted. */
  evicted(count: number): void;
  log: Log;
}

export interface PodProcessLimit {
  /** Change-feed listener: trims one group over the limit among those the drain touched. */
  onDrain(changes: TreeChanges): void;
  /** Trims every group over the limit now; at start, with every group the rebuild made. */
  trim(groups: readonly GroupSummary[]): void;
  /**
   * What the process rows should apply of a drain: evictions only leave memory, so their
   * removes are dropped here (the hub still gets them, so clients drop the processes too).
   */
  forRows(changes: TreeChanges): TreeChanges;
}

/**
 * Bounds the processes held in memory per group (pod, container or host): past the limit,
 * the processes of the group that ended longest ago and have no children left in it are
 * forgotten by the tree, so no shown process loses its parent. Their rows and events stay
 * in the store, so search, the process detail and a restart still see them. Running
 * processes are never evicted. The tree answers which processes those are from its own
 * indexes (no process views are built), so nothing is kept here per process: only the
 * groups seen over the limit, until their trim.
 */
export function createPodProcessLimit(deps: PodProcessLimitDeps): PodProcessLimit {
  const evicting = new Set<string>();
  /** Groups a drain reported over the limit, with the size it reported. */
  const over = new Map<string, number>();

  const trimGroup = (group: string) => {
    const size = deps.tree.group(group)?.processes ?? 0;
    const excess = size - Math.floor(deps.max * TRIM_TO);
    const chosen = new Set<string>();
    for (let pass = 0; pass < MAX_PASSES && chosen.size < excess; pass += 1) {
      const leaves = deps.tree.endedLeaves(group, excess - chosen.size, chosen);
      if (leaves.length === 0) break;
      for (const execId of leaves) chosen.add(execId);
    }
    over.delete(group);
    if (chosen.size === 0) return;
    for (const execId of chosen) evicting.add(execId);
    deps.tree.forget(chosen);
    deps.evicted(chosen.size);
    deps.log(
      `limits: ${group} held ${size} processes (limit ${deps.max}); evicted the ${chosen.size} that ended longest ago from memory`,
    );
  };

  /** The group furthest over the limit; one per drain keeps each drain short. */
  const trimOne = () => {
    let worst: string | undefined;
    for (const [group, size] of over) {
      if (worst === undefined || size > (over.get(worst) ?? 0)) worst = group;
    }
    if (worst !== undefined) trimGroup(worst);
  };

  return {
    onDrain(changes) {
      if (deps.max <= 0) return;
      for (const group of changes.groups) {
        if (group.processes > deps.max) over.set(group.key, group.processes);
      }
      trimOne();
    },
    trim(groups) {
      if (deps.max <= 0) return;
      for (const group of groups) {
        if (group.processes > deps.max) trimGroup(group.key);
      }
    },
    forRows(changes) {
      if (evicting.size === 0) return changes;
      // A drain carries every remove forgotten since the last one, so the set empties here.
      const removes = changes.removes.filter((remove) => !evicting.has(remove.execId));
      evicting.clear();
      return { ...changes, removes };
    },
  };
}
