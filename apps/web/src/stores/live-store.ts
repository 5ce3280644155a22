/**
 * The hot store: everything that arrives from the live stream. Written by the ingest bridge
 * at most once per animation frame; components read it with narrow, stable selectors.
 * Maps are replaced (never mutated) and unchanged processes keep their object identity.
 */
import { create } from 'zustand';
import type { GroupSummary, InfoResponse, LossMarker, Process } from '@exectree/domain';

export type ConnectionStatus =
  /** First connection attempt in progress. */
  | 'connecting'
  | 'live'
  /** Was connected, lost it, retrying. */
  | 'reconnecting'
  /** Never reached the server, retrying. */
  | 'unreachable';

export interface ConnectionState {
  status: ConnectionStatus;
  attempt: number;
  reason: string | null;
}

export type TreeStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface TreeState {
  /** Group key the processes belong to. */
  group: string | null;
  status: TreeStatus;
  error: string | null;
  processes: ReadonlyMap<string, Process>;
}

export interface LiveState {
  connection: ConnectionState;
  info: InfoResponse | null;
  /** null until the first groups snapshot arrived. */
  groups: ReadonlyMap<string, GroupSummary> | null;
  markers: readonly LossMarker[];
  tree: TreeState;
  /** How often a seq gap forced a resync; shown in the status tooltip. */
  resyncs: number;
  /** While paused: processes started or changed in updates held back (the "N new" badge). */
  held: number;
}

export const EMPTY_PROCESSES: ReadonlyMap<string, Process> = new Map();

export function initialLiveState(): LiveState {
  return {
    connection: { status: 'connecting', attempt: 0, reason: null },
    info: null,
    groups: null,
    markers: [],
    tree: { group: null, status: 'idle', error: null, processes: EMPTY_PROCESSES },
    resyncs: 0,
    held: 0,
  };
}

export const useLiveStore = create<LiveState>()(() => initialLiveState());

export type LiveStoreApi = typeof useLiveStore;
