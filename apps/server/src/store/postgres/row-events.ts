import {
  bareSnapshot,
  type ExitInfo,
  type LossMarker,
  type ParsedEvent,
  type PodInfo,
  type ProcessSnapshot,
} from '@exectree/domain';
import { EXIT_ONLY_PREFIX, RANK_EMBEDDED, RANK_EVENT, RANK_EXEC } from './merge-rows.ts';
import { fromPgText, fromPgTextOrUndefined } from './pg-text.ts';

/** One row of merged_processes as pg returns it (bigints as strings). */
export interface MergedRowRecord {
  exec_id: string;
  best_rank: number;
  pending_key: string | null;
  parent_exec_id: string | null;
  parent_exec_id_r: number;
  pid: string | null;
  pid_r: number;
  uid: string | null;
  uid_r: number;
  auid: string | null;
  auid_r: number;
  cwd: string | null;
  cwd_r: number;
  bin: string | null;
  bin_r: number;
  arguments: string | null;
  arguments_r: number;
  flags: string | null;
  flags_r: number;
  start_time: string | null;
  start_time_r: number;
  pod: string | null;
  pod_r: number;
  docker: string | null;
  docker_r: number;
  in_init_tree: boolean | null;
  in_init_tree_r: number;
  node: string | null;
  node_r: number;
  exit_time: string | null;
  exit_key: string | null;
  exit_status: number | null;
  exit_signal: string | null;
  event_count: string;
}

export interface PendingExitRecord {
  exit_time: string | null;
  exit_status: number;
  exit_signal: string | null;
}

/** Synthetic ids start with U+0000: never a content hash (hex) or an exec id (base64). */
const SYNTHETIC = '\u0000';
/** The process a container's pod is taught through; forgotten right after (see below). */
export const CONTAINER_STUB_ID = `${SYNTHETIC}container-pod`;

const at = <T>(rank: number, wanted: number, value: T | null): T | undefined =>
  rank === wanted && value !== null ? value : undefined;

const text = (rank: number, wanted: number, value: string | null) =>
  at(rank, wanted, value === null ? null : fromPgText(value));

const number = (rank: number, wanted: number, value: string | null) =>
  at(rank, wanted, value === null ? null : Number(value));

function parsePod(pod: string | null): PodInfo | undefined {
  return pod === null ? undefined : (JSON.parse(fromPgText(pod)) as PodInfo);
}

/** The fields of `row` that a snapshot of rank `rank` supplied. */
function snapshotAt(row: MergedRowRecord, rank: number): ProcessSnapshot {
  return {
    execId: fromPgText(row.exec_id),
    parentExecId: text(row.parent_exec_id_r, rank, row.parent_exec_id),
    pid: number(row.pid_r, rank, row.pid),
    uid: number(row.uid_r, rank, row.uid),
    auid: number(row.auid_r, rank, row.auid),
    cwd: text(row.cwd_r, rank, row.cwd),
    binary: text(row.bin_r, rank, row.bin),
    arguments: text(row.arguments_r, rank, row.arguments),
    flags: text(row.flags_r, rank, row.flags),
    startTime: text(row.start_time_r, rank, row.start_time),
    pod: row.pod_r === rank ? parsePod(row.pod) : undefined,
    docker: text(row.docker_r, rank, row.docker),
    inInitTree: at(row.in_init_tree_r, rank, row.in_init_tree),
  };
}

function hasFields(snapshot: ProcessSnapshot): boolean {
  return Object.entries(snapshot).some(([key, value]) => key !== 'execId' && value !== undefined);
}

function event(fields: Partial<ParsedEvent> & Pick<ParsedEvent, 'id' | 'type'>): ParsedEvent {
  return {
    node: '',
    time: undefined,
    process: undefined,
    parent: undefined,
    ancestors: [],
    exit: undefined,
    loss: undefined,
    probe: undefined,
    raw: '',
    ...fields,
  };
}

function exitOf(time: string | null, status: number, signal: string | null): ExitInfo {
  return {
    time: fromPgTextOrUndefined(time),
    status,
    signal: signal === null ? null : fromPgText(signal),
  };
}

/**
 * Events that make a ProcessTreeBuilder hold exactly `row`: one snapshot per rank with the
 * fields that rank supplied, its exit, and probe events up to its count (the builder counts
 * each probe id once, ever, so `probeId` must never repeat). The builder's merges are
 * maxima, so feeding a newer version of a row on top of an older one gives the newer one.
 * A snapshot's node is given only at the rank the node came from: elsewhere the builder
 * falls back to the node in the exec id, which then never outranks the real one.
 */
export function rowEvents(
  row: MergedRowRecord,
  countHeld: number,
  probeId: () => string,
): ParsedEvent[] {
  const execId = fromPgText(row.exec_id);
  const nodeAt = (rank: number) =>
    row.node_r === rank && row.node !== null ? fromPgText(row.node) : '';
  const events: ParsedEvent[] = [];
  for (const rank of [RANK_EXEC, RANK_EVENT, RANK_EMBEDDED]) {
    const snapshot = snapshotAt(row, rank);
    if (!hasFields(snapshot) && rank !== row.best_rank) continue;
    const id = `${SYNTHETIC}row:${rank}`;
    events.push(
      rank === RANK_EMBEDDED
        ? event({ id, type: 'exectree_row', node: nodeAt(rank), parent: snapshot })
        : event({
            id,
            type: rank === RANK_EXEC ? 'process_exec' : 'exectree_row',
            node: nodeAt(rank),
            process: snapshot,
          }),
    );
  }
  if (row.exit_key !== null && row.exit_status !== null) {
    events.push(
      event({
        id: `${SYNTHETIC}exit`,
        type: 'process_exit',
        node: nodeAt(RANK_EVENT),
        process: bareSnapshot(execId),
        exit: exitOf(row.exit_time, row.exit_status, row.exit_signal),
      }),
    );
  }
  for (let count = countHeld + 1; count <= Number(row.event_count); count += 1) {
    events.push(
      event({
        id: `${SYNTHETIC}probe:${probeId()}`,
        type: 'process_kprobe',
        node: nodeAt(RANK_EVENT),
        process: bareSnapshot(execId),
        probe: { functionName: undefined, policyName: undefined, action: undefined },
      }),
    );
  }
  return events;
}

/** The exit event a stand-in row and its pending exit came from, as far as the tree cares. */
export function standInEvent(
  row: MergedRowRecord,
  exit: PendingExitRecord,
): ParsedEvent | undefined {
  const key = row.pending_key === null ? undefined : fromPgText(row.pending_key);
  if (key === undefined || fromPgText(row.exec_id) !== EXIT_ONLY_PREFIX + key) return undefined;
  const fields = snapshotAt(row, RANK_EVENT);
  const parentExecId = fields.parentExecId;
  const hasParent =
    parentExecId !== undefined || fields.pod !== undefined || fields.docker !== undefined;
  return event({
    id: `${SYNTHETIC}stand-in`,
    type: 'process_exit',
    node: row.node === null ? '' : fromPgText(row.node),
    process: {
      ...fields,
      execId: undefined,
      parentExecId: undefined,
      pod: undefined,
      docker: undefined,
    },
    parent: hasParent
      ? { ...bareSnapshot(''), execId: parentExecId, pod: fields.pod, docker: fields.docker }
      : undefined,
    exit: exitOf(exit.exit_time, exit.exit_status, exit.exit_signal),
  });
}

/**
 * Teaches the builder which pod a container id belongs to. The builder learns it from a
 * snapshot naming both, which also creates a process: the caller forgets `CONTAINER_STUB_ID`
 * right after.
 */
export function containerPodEvent(docker: string, pod: string): ParsedEvent | undefined {
  const info = parsePod(pod);
  if (info === undefined) return undefined;
  return event({
    id: `${SYNTHETIC}pod`,
    type: 'exectree_row',
    parent: { ...bareSnapshot(CONTAINER_STUB_ID), docker: fromPgText(docker), pod: info },
  });
}

export function markerEvent(marker: LossMarker): ParsedEvent {
  return event({
    id: marker.id,
    type: marker.kind === 'rate_limit' ? 'rate_limit_info' : 'process_throttle',
    node: marker.node,
    time: marker.time ?? undefined,
    loss: {
      kind: marker.kind,
      dropped: marker.dropped ?? undefined,
      throttleType: marker.throttleType ?? undefined,
      cgroup: marker.cgroup ?? undefined,
    },
  });
}
