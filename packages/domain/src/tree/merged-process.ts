import type { PodInfo, ProcessSnapshot } from '../tetragon/parsed-event.ts';

/**
 * Where a snapshot came from decides how much it is trusted: the `process` of a
 * process_exec is the fullest, the `process` of any other event next, and an embedded
 * `parent` or `ancestors[]` entry last.
 */
export const RANK_EMBEDDED = 1;
export const RANK_EVENT = 2;
export const RANK_EXEC = 3;
export type SnapshotRank = typeof RANK_EMBEDDED | typeof RANK_EVENT | typeof RANK_EXEC;

export const MERGED_FIELDS = [
  'parentExecId',
  'pid',
  'uid',
  'auid',
  'cwd',
  'binary',
  'arguments',
  'flags',
  'startTime',
  'pod',
  'docker',
  'inInitTree',
  'node',
] as const;
export type MergedField = (typeof MERGED_FIELDS)[number];

export interface MergedValues {
  parentExecId?: string;
  pid?: number;
  uid?: number;
  auid?: number;
  cwd?: string;
  binary?: string;
  arguments?: string;
  flags?: string;
  startTime?: string;
  pod?: PodInfo;
  docker?: string;
  inInitTree?: boolean;
  node?: string;
}

type FieldValue = MergedValues[MergedField];

/**
 * Per field, the value kept is the maximum over all snapshots by (rank, value). A max over
 * a total order is commutative, associative and idempotent, which is what makes the tree
 * independent of arrival order and of duplicates.
 */
export interface MergedProcess {
  execId: string;
  values: MergedValues;
  /** Rank of the snapshot that supplied each field; 0 where no snapshot had it. */
  ranks: Partial<Record<MergedField, SnapshotRank>>;
  /** Highest rank seen for any snapshot of this process. */
  bestRank: SnapshotRank;
  /** Serialised pod, compared when two snapshots of equal rank disagree. */
  podKey: string;
}

const podKeys = new WeakMap<PodInfo, string>();

/** The serialised pod; cached per object, since one snapshot's pod is keyed several times. */
export function podKeyOf(pod: PodInfo | undefined): string {
  if (pod === undefined) return '';
  let key = podKeys.get(pod);
  if (key === undefined) {
    key = JSON.stringify(pod);
    podKeys.set(pod, key);
  }
  return key;
}

function compareValues(
  field: MergedField,
  a: FieldValue,
  b: FieldValue,
  podA: string,
  podB: string,
): number {
  if (field === 'pod') return podA < podB ? -1 : podA > podB ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function createMergedProcess(execId: string): MergedProcess {
  return { execId, values: {}, ranks: {}, bestRank: RANK_EMBEDDED, podKey: '' };
}

/** Folds one snapshot in; returns the fields whose value changed. */
export function mergeSnapshot(
  target: MergedProcess,
  snapshot: ProcessSnapshot,
  rank: SnapshotRank,
  node: string,
): MergedField[] {
  const changed: MergedField[] = [];
  if (rank > target.bestRank) target.bestRank = rank;
  const incoming: MergedValues = {
    ...(snapshot.parentExecId !== undefined && { parentExecId: snapshot.parentExecId }),
    ...(snapshot.pid !== undefined && { pid: snapshot.pid }),
    ...(snapshot.uid !== undefined && { uid: snapshot.uid }),
    ...(snapshot.auid !== undefined && { auid: snapshot.auid }),
    ...(snapshot.cwd !== undefined && { cwd: snapshot.cwd }),
    ...(snapshot.binary !== undefined && { binary: snapshot.binary }),
    ...(snapshot.arguments !== undefined && { arguments: snapshot.arguments }),
    ...(snapshot.flags !== undefined && { flags: snapshot.flags }),
    ...(snapshot.startTime !== undefined && { startTime: snapshot.startTime }),
    ...(snapshot.pod !== undefined && { pod: snapshot.pod }),
    ...(snapshot.docker !== undefined && { docker: snapshot.docker }),
    ...(snapshot.inInitTree !== undefined && { inInitTree: snapshot.inInitTree }),
    ...(node !== '' && { node }),
  };
  const incomingPodKey = podKeyOf(snapshot.pod);
  for (const field of MERGED_FIELDS) {
    const value = incoming[field];
    if (value === undefined) continue;
    const currentRank = target.ranks[field] ?? 0;
    const current = target.values[field];
    const wins =
      current === undefined ||
      rank > currentRank ||
      (rank === currentRank &&
        compareValues(field, value, current, incomingPodKey, target.podKey) > 0);
    if (!wins) continue;
    const same =
      current !== undefined &&
      compareValues(field, value, current, incomingPodKey, target.podKey) === 0;
    (target.values as Record<MergedField, FieldValue>)[field] = value;
    target.ranks[field] = rank;
    if (field === 'pod') target.podKey = incomingPodKey;
    if (!same) changed.push(field);
  }
  return changed;
}

export function hasFlag(flags: string | undefined, token: string): boolean {
  if (!flags) return false;
  return flags.split(' ').includes(token);
}
