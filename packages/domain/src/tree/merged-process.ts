import type { PodInfo, ProcessSnapshot } from '../tetragon/parsed-event.ts';
import { fullPodKey, type SnapshotPod } from './pod-intern.ts';
import { packNanos, packSeconds, unpackTime, type PackedSeconds } from '../util/compact-time.ts';

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

/** Bit `i` of a change mask: MERGED_FIELDS[i] changed. */
export function fieldBit(field: MergedField): number {
  return 1 << MERGED_FIELDS.indexOf(field);
}
export const PARENT_CHANGED = fieldBit('parentExecId');
export const BINARY_CHANGED = fieldBit('binary');
export const ARGUMENTS_CHANGED = fieldBit('arguments');

/** Bits 0..25 hold 2 bits of rank per field; the best rank of any snapshot sits above them. */
const BEST_RANK_SHIFT = 2 * MERGED_FIELDS.length;
/** A free bit above the ranks, for ProcessEntry. */
export const STAND_IN_FLAG = 1 << (BEST_RANK_SHIFT + 2);
/** inInitTree's value (set or not is its rank); the last bit below 2^30, see compact-time.ts. */
const IN_INIT_TREE = 1 << (BEST_RANK_SHIFT + 3);
const IN_INIT_TREE_RANK_SHIFT = 2 * MERGED_FIELDS.indexOf('inInitTree');

type ScalarField = Exclude<MergedField, 'pod'>;
type ScalarValue = string | number | boolean;

/**
 * Per field, the value kept is the maximum over all snapshots by (rank, value). A max over
 * a total order is commutative, associative and idempotent, which is what makes the tree
 * independent of arrival order and of duplicates. Fields live in one fixed-shape object
 * because the tree holds one per process.
 */
export class MergedProcess {
  parentExecId: string | undefined = undefined;
  pid: number | undefined = undefined;
  uid: number | undefined = undefined;
  auid: number | undefined = undefined;
  cwd: string | undefined = undefined;
  binary: string | undefined = undefined;
  arguments: string | undefined = undefined;
  flags: string | undefined = undefined;
  /** startTime, packed (see compact-time.ts). */
  private startSeconds: PackedSeconds = undefined;
  private startNanos = 0;
  /** The shared pod (see pod-intern.ts); its container pid is `containerPid`. */
  pod: PodInfo | undefined = undefined;
  containerPid: number | undefined = undefined;
  docker: string | undefined = undefined;
  node: string | undefined = undefined;
  /**
   * Rank of the snapshot that supplied each field (0 where none had it), and the best rank;
   * one small integer rather than an object per process.
   */
  ranks = RANK_EMBEDDED << BEST_RANK_SHIFT;

  constructor(readonly execId: string) {}

  get startTime(): string | undefined {
    return unpackTime(this.startSeconds, this.startNanos);
  }

  set startTime(text: string | undefined) {
    this.startSeconds = packSeconds(text);
    this.startNanos = packNanos(text);
  }

  /** Whether `text` is its start time (null: none); cheaper than unpacking it. */
  startIs(text: string | null): boolean {
    return packSeconds(text) === this.startSeconds && packNanos(text) === this.startNanos;
  }

  /** Kept as a bit of `ranks`: undefined while no snapshot had it. */
  get inInitTree(): boolean | undefined {
    if (((this.ranks >>> IN_INIT_TREE_RANK_SHIFT) & 3) === 0) return undefined;
    return (this.ranks & IN_INIT_TREE) !== 0;
  }

  set inInitTree(value: boolean | undefined) {
    this.ranks = value ? this.ranks | IN_INIT_TREE : this.ranks & ~IN_INIT_TREE;
  }

  /**
   * Called by mergeSnapshot just before a field's value changes, for subclasses that keep
   * values derived from the fields.
   */
  protected beforeChange(field: MergedField): void {
    void field;
  }

  /** mergeSnapshot's way in to the protected hook. */
  static willChange(target: MergedProcess, field: MergedField): void {
    target.beforeChange(field);
  }

  /** Highest rank seen for any snapshot of this process. */
  get bestRank(): SnapshotRank {
    return ((this.ranks >>> BEST_RANK_SHIFT) & 3) as SnapshotRank;
  }

  rankOf(field: MergedField): number {
    return (this.ranks >>> (2 * MERGED_FIELDS.indexOf(field))) & 3;
  }
}

function compareScalars(a: ScalarValue, b: ScalarValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function comparePods(incoming: SnapshotPod, target: MergedProcess): number {
  if (incoming.pod === target.pod && incoming.containerPid === target.containerPid) return 0;
  const a = incoming.fullKey;
  const b = target.pod === undefined ? '' : fullPodKey(target.pod, target.containerPid);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Shares repeated strings; identity for fields that are unique per process. */
export type Intern = (value: string) => string;

/**
 * (uint32)-1, the "unset" uid/auid of nearly every process. Too large for V8's small
 * integers, so each parsed copy is a heap number; storing this constant instead shares one.
 */
const UNSET_ID = 4294967295;

const INTERNED: ReadonlySet<MergedField> = new Set(['cwd', 'binary', 'flags', 'docker', 'node']);

/**
 * Folds one snapshot in; returns a mask of the fields whose value changed (see fieldBit).
 * `pod` is the snapshot's pod already interned.
 */
export function mergeSnapshot(
  target: MergedProcess,
  snapshot: ProcessSnapshot,
  rank: SnapshotRank,
  node: string,
  pod: SnapshotPod | undefined,
  intern: Intern,
): number {
  let changed = 0;
  if (rank > target.bestRank) {
    target.ranks = (target.ranks & ~(3 << BEST_RANK_SHIFT)) | (rank << BEST_RANK_SHIFT);
  }
  const fields = target as unknown as Record<ScalarField, ScalarValue | undefined>;
  for (let i = 0; i < MERGED_FIELDS.length; i++) {
    const field = MERGED_FIELDS[i] as MergedField;
    const shift = 2 * i;
    const currentRank = (target.ranks >>> shift) & 3;
    if (field === 'pod') {
      if (pod === undefined) continue;
      const order = target.pod === undefined ? 1 : comparePods(pod, target);
      if (
        target.pod !== undefined &&
        (rank < currentRank || (rank === currentRank && order <= 0))
      ) {
        continue;
      }
      if (order !== 0 || target.pod !== pod.pod) MergedProcess.willChange(target, field);
      target.pod = pod.pod;
      target.containerPid = pod.containerPid;
      target.ranks = (target.ranks & ~(3 << shift)) | (rank << shift);
      if (order !== 0) changed |= 1 << i;
      continue;
    }
    const value = field === 'node' ? (node === '' ? undefined : node) : snapshot[field];
    if (value === undefined) continue;
    const current = fields[field];
    const order = current === undefined ? 1 : compareScalars(value, current);
    if (current !== undefined && (rank < currentRank || (rank === currentRank && order <= 0))) {
      continue;
    }
    if (order !== 0) MergedProcess.willChange(target, field);
    fields[field] =
      typeof value === 'string'
        ? INTERNED.has(field)
          ? intern(value)
          : value
        : value === UNSET_ID
          ? UNSET_ID
          : value;
    target.ranks = (target.ranks & ~(3 << shift)) | (rank << shift);
    if (order !== 0) changed |= 1 << i;
  }
  return changed;
}

export function hasFlag(flags: string | undefined, token: string): boolean {
  if (!flags) return false;
  return flags.split(' ').includes(token);
}
