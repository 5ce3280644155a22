import {
  MERGED_FIELDS,
  PENDING_EXIT_PREFIX,
  RANK_EMBEDDED,
  RANK_EVENT,
  RANK_EXEC,
  decodeExecId,
  lossMarkerOf,
  maxExit,
  type MergedField,
  timeKey,
  type ExitInfo,
  type LossMarker,
  type ParsedEvent,
  type PodInfo,
  type ProcessSnapshot,
} from '@exectree/domain';

// The ranks, fields and stand-in prefix are the domain's rules (docs/tree-semantics.md, rule 1).
export { RANK_EMBEDDED, RANK_EVENT, RANK_EXEC } from '@exectree/domain';
export const EXIT_ONLY_PREFIX = PENDING_EXIT_PREFIX;
/** The merged fields, in the order of the columns; `pod` is the pod's JSON (its key). */
export const FIELDS = MERGED_FIELDS;
export type Field = MergedField;
export type FieldValue = string | number | boolean;

export interface Ranked {
  value: FieldValue;
  rank: number;
}

/** What one batch contributes to a row of merged_processes, folded by the same rules. */
export interface MergeRow {
  execId: string;
  bestRank: number;
  /** node:pid:start of the exit a stand-in stands for; null for real processes. */
  pendingKey: string | null;
  fields: Partial<Record<Field, Ranked>>;
  exit: ExitInfo | undefined;
  /** Probe events first stored by this batch. */
  eventCount: number;
}

export interface MergeBatch {
  processes: Map<string, MergeRow>;
  pendingExits: Map<string, ExitInfo>;
  /** Container id → the largest pod key seen with it. */
  containerPods: Map<string, string>;
  markers: LossMarker[];
}

export function podKey(pod: PodInfo): string {
  return JSON.stringify(pod);
}

/** The order the builder compares values in (merged-process.ts). */
export function compareValues(a: FieldValue, b: FieldValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function valuesOf(snapshot: ProcessSnapshot, node: string): Partial<Record<Field, FieldValue>> {
  return {
    ...(snapshot.parentExecId !== undefined && { parentExecId: snapshot.parentExecId }),
    ...(snapshot.pid !== undefined && { pid: snapshot.pid }),
    ...(snapshot.uid !== undefined && { uid: snapshot.uid }),
    ...(snapshot.auid !== undefined && { auid: snapshot.auid }),
    ...(snapshot.cwd !== undefined && { cwd: snapshot.cwd }),
    ...(snapshot.binary !== undefined && { binary: snapshot.binary }),
    ...(snapshot.arguments !== undefined && { arguments: snapshot.arguments }),
    ...(snapshot.flags !== undefined && { flags: snapshot.flags }),
    ...(snapshot.startTime !== undefined && { startTime: snapshot.startTime }),
    ...(snapshot.pod !== undefined && { pod: podKey(snapshot.pod) }),
    ...(snapshot.docker !== undefined && { docker: snapshot.docker }),
    ...(snapshot.inInitTree !== undefined && { inInitTree: snapshot.inInitTree }),
    ...(node !== '' && { node }),
  };
}

export function emptyBatch(): MergeBatch {
  return { processes: new Map(), pendingExits: new Map(), containerPods: new Map(), markers: [] };
}

function row(batch: MergeBatch, execId: string, pendingKey: string | null = null): MergeRow {
  let found = batch.processes.get(execId);
  if (!found) {
    found = {
      execId,
      bestRank: RANK_EMBEDDED,
      pendingKey,
      fields: {},
      exit: undefined,
      eventCount: 0,
    };
    batch.processes.set(execId, found);
  }
  return found;
}

function upsert(
  batch: MergeBatch,
  snapshot: ProcessSnapshot,
  execId: string,
  rank: number,
  eventNode: string,
  pendingKey: string | null = null,
): MergeRow {
  const target = row(batch, execId, pendingKey);
  if (rank > target.bestRank) target.bestRank = rank;
  const node = eventNode || decodeExecId(execId)?.node || '';
  const incoming = valuesOf(snapshot, node);
  for (const field of FIELDS) {
    const value = incoming[field];
    if (value === undefined) continue;
    const current = target.fields[field];
    if (
      current === undefined ||
      rank > current.rank ||
      (rank === current.rank && compareValues(value, current.value) > 0)
    ) {
      target.fields[field] = { value, rank };
    }
  }
  if (snapshot.docker && snapshot.pod) {
    const key = podKey(snapshot.pod);
    const known = batch.containerPods.get(snapshot.docker);
    if (known === undefined || key > known) batch.containerPods.set(snapshot.docker, key);
  }
  return target;
}

function pidStartKey(node: string, pid: number | undefined, startKey: string): string | undefined {
  return pid === undefined || startKey === '' ? undefined : `${node}:${pid}:${startKey}`;
}

/** Folds one event in, as ProcessTreeBuilder.apply does. */
export function addEvent(batch: MergeBatch, event: ParsedEvent): void {
  const marker = lossMarkerOf(event);
  if (marker) batch.markers.push(marker);
  const process = event.process;
  if (process?.execId) {
    const rank = event.type === 'process_exec' ? RANK_EXEC : RANK_EVENT;
    upsert(batch, process, process.execId, rank, event.node);
  }
  if (event.parent?.execId) {
    upsert(batch, event.parent, event.parent.execId, RANK_EMBEDDED, event.node);
  }
  for (const ancestor of event.ancestors) {
    if (ancestor.execId) upsert(batch, ancestor, ancestor.execId, RANK_EMBEDDED, event.node);
  }
  if (event.exit && process) {
    if (process.execId) {
      const target = row(batch, process.execId);
      target.exit = maxExit(target.exit, event.exit);
    } else {
      addPendingExit(batch, process, event, event.exit);
    }
  }
  if (event.probe && process?.execId) row(batch, process.execId).eventCount += 1;
}

function addPendingExit(
  batch: MergeBatch,
  process: ProcessSnapshot,
  event: ParsedEvent,
  exit: ExitInfo,
): void {
  const key = pidStartKey(event.node, process.pid, timeKey(process.startTime));
  if (key === undefined) return;
  const parent = event.parent;
  const standIn: ProcessSnapshot = {
    ...process,
    execId: EXIT_ONLY_PREFIX + key,
    parentExecId: parent?.execId,
    pod: parent?.pod,
    docker: parent?.docker,
  };
  upsert(batch, standIn, EXIT_ONLY_PREFIX + key, RANK_EVENT, event.node, key);
  batch.pendingExits.set(key, maxExit(batch.pendingExits.get(key), exit) ?? exit);
}

/** The merge contribution of events newly stored together. */
export function mergeBatchOf(events: readonly ParsedEvent[]): MergeBatch {
  const batch = emptyBatch();
  for (const event of events) addEvent(batch, event);
  return batch;
}
