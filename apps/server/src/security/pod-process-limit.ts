import {
  timeKey,
  type GroupSummary,
  type Process,
  type TreeChanges,
  type TreeReader,
} from '@exectree/domain';
import type { Log } from '../log.ts';

/** A group over the limit is trimmed to this share of it, so trims are rare. */
const TRIM_TO = 0.8;
/** Each pass evicts ended leaves; their parents may become ended leaves for the next. */
const MAX_PASSES = 8;

export interface PodProcessLimitDeps {
  tree: Pick<TreeReader, 'processes'> & { forget(execIds: Iterable<string>): void };
  /** Most processes one group keeps in memory; 0 turns the limit off. */
  max: number;
  /** Told how many processes each trim evicted. */
  evicted(count: number): void;
  log: Log;
}

export interface PodProcessLimit {
  /** Change-feed listener: follows the tracked groups, trims one group over the limit. */
  onDrain(changes: TreeChanges): void;
  /** Trims every group over the limit now; at start, with every group the rebuild made. */
  trim(groups: readonly GroupSummary[]): void;
  /**
   * What the process rows should apply of a drain: evictions only leave memory, so their
   * removes are dropped here (the hub still gets them, so clients drop the processes too).
   */
  forRows(changes: TreeChanges): TreeChanges;
}

interface Light {
  parent: string | null;
  ended: boolean;
  exitKey: string;
}

/** The few facts a trim needs about each process of one group, kept up to date per drain. */
class TrackedGroup {
  readonly processes = new Map<string, Light>();
  /** Children within the group, by parent. */
  private readonly children = new Map<string, number>();

  set(process: Process): void {
    this.delete(process.execId);
    const parent = process.parentExecId === process.execId ? null : process.parentExecId;
    this.processes.set(process.execId, {
      parent,
      ended: process.state !== 'running',
      exitKey: timeKey(process.exitTime),
    });
    if (parent !== null) this.children.set(parent, (this.children.get(parent) ?? 0) + 1);
  }

  delete(execId: string): void {
    const light = this.processes.get(execId);
    if (light === undefined) return;
    this.processes.delete(execId);
    if (light.parent === null) return;
    const left = (this.children.get(light.parent) ?? 1) - 1;
    if (left > 0) this.children.set(light.parent, left);
    else this.children.delete(light.parent);
  }

  /** Up to `count` ended processes without children here, the longest ended first. */
  endedLeaves(count: number): string[] {
    const leaves: [string, string][] = [];
    for (const [execId, light] of this.processes) {
      if (light.ended && !this.children.has(execId)) leaves.push([light.exitKey, execId]);
    }
    leaves.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
    return leaves.slice(0, count).map(([, execId]) => execId);
  }
}

/**
 * Bounds the processes held in memory per group (pod, container or host): past the limit,
 * the processes of the group that ended longest ago and have no children left in it are
 * forgotten by the tree, so no shown process loses its parent. Their rows and events stay
 * in the store, so search, the process detail and a restart still see them. Running
 * processes are never evicted. Groups are followed from the drained changes (about 100
 * bytes a process), so a trim never has to list every process of a large group: that
 * takes a second for 100,000 processes, all of it in one turn of the event loop. Groups
 * rebuilt at start are listed once, when they first need a trim.
 */
export function createPodProcessLimit(deps: PodProcessLimitDeps): PodProcessLimit {
  const tracked = new Map<string, TrackedGroup>();
  /** Groups that were in the tree before the first drain: followed once listed. */
  const rebuilt = new Set<string>();
  const evicting = new Set<string>();
  const over = new Map<string, number>();

  const track = (group: string): TrackedGroup => {
    let found = tracked.get(group);
    if (found === undefined || rebuilt.has(group)) {
      found = new TrackedGroup();
      for (const process of deps.tree.processes(group)) found.set(process);
      tracked.set(group, found);
      rebuilt.delete(group);
    }
    return found;
  };

  const trimGroup = (group: string) => {
    const state = track(group);
    const size = state.processes.size;
    const excess = size - Math.floor(deps.max * TRIM_TO);
    const chosen: string[] = [];
    for (let pass = 0; pass < MAX_PASSES && chosen.length < excess; pass += 1) {
      const leaves = state.endedLeaves(excess - chosen.length);
      if (leaves.length === 0) break;
      for (const execId of leaves) state.delete(execId);
      chosen.push(...leaves);
    }
    over.delete(group);
    if (chosen.length === 0) return;
    for (const execId of chosen) evicting.add(execId);
    deps.tree.forget(chosen);
    deps.evicted(chosen.length);
    deps.log(
      `limits: ${group} held ${size} processes (limit ${deps.max}); evicted the ${chosen.length} that ended longest ago from memory`,
    );
  };

  const follow = (changes: TreeChanges) => {
    for (const remove of changes.removes) tracked.get(remove.group)?.delete(remove.execId);
    for (const process of changes.upserts) {
      if (rebuilt.has(process.group)) continue;
      let group = tracked.get(process.group);
      if (group === undefined) tracked.set(process.group, (group = new TrackedGroup()));
      group.set(process);
    }
    for (const group of changes.groups) {
      if (group.processes > deps.max) over.set(group.key, group.processes);
      else if (group.processes === 0) tracked.delete(group.key);
    }
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
      follow(changes);
      trimOne();
    },
    trim(groups) {
      if (deps.max <= 0) return;
      for (const group of groups) {
        if (!tracked.has(group.key)) rebuilt.add(group.key);
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
