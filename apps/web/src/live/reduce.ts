/**
 * Pure folding of buffered stream items into the next live state. Called once per frame
 * with everything that arrived since the last frame, so the store changes once.
 */
import type { GroupSummary, LossMarker, Process } from '@exectree/domain';
import type { ServerMessage, TransportStatus } from '../transport/messages.ts';
import type { ConnectionState, LiveState } from '../stores/live-store.ts';
import { recordChange } from '../view/map-lineage.ts';
import { mergeSnapshot } from './snapshot-merge.ts';

export type IngestItem = ServerMessage | { type: 'status'; status: TransportStatus };

/** Loss markers are kept for display only; beyond this the oldest are dropped. */
export const MAX_MARKERS = 500;

export function connectionFromStatus(status: TransportStatus): ConnectionState {
  switch (status.kind) {
    case 'connecting':
      return { status: 'connecting', attempt: 0, reason: null };
    case 'connected':
      return { status: 'live', attempt: 0, reason: null };
    case 'disconnected':
      return {
        status: status.everConnected ? 'reconnecting' : 'unreachable',
        attempt: status.attempt,
        reason: status.reason,
      };
  }
}

function mergeMarkers(
  current: readonly LossMarker[],
  incoming: readonly LossMarker[],
): LossMarker[] {
  const seen = new Set(current.map((m) => m.id));
  const merged = [...current];
  for (const marker of incoming) {
    if (seen.has(marker.id)) continue;
    seen.add(marker.id);
    merged.push(marker);
  }
  return merged.length > MAX_MARKERS ? merged.slice(merged.length - MAX_MARKERS) : merged;
}

/**
 * Returns the changed part of the state, or null when nothing changed. Tree messages for a
 * group other than the one the store currently shows are ignored (a late message from a
 * previous subscription).
 */
export function reduceItems(
  state: LiveState,
  items: readonly IngestItem[],
): Partial<LiveState> | null {
  const patch: Partial<LiveState> = {};
  let changed = false;

  let groups = state.groups;
  let groupsCopied = false;
  const groupsDraft = (): Map<string, GroupSummary> => {
    if (!groupsCopied) {
      groups = new Map(groups ?? []);
      groupsCopied = true;
    }
    return groups as Map<string, GroupSummary>;
  };

  let processes = state.tree.processes;
  let processesCopied = false;
  let treeTouched = false;
  /** Exec ids changed since `state.tree.processes`. */
  let changedIds = new Set<string>();
  const processesDraft = (): Map<string, Process> => {
    if (!processesCopied) {
      processes = new Map(processes);
      processesCopied = true;
    }
    return processes as Map<string, Process>;
  };

  let markers = state.markers;

  for (const item of items) {
    switch (item.type) {
      case 'status':
        patch.connection = connectionFromStatus(item.status);
        changed = true;
        break;
      case 'server:info':
        patch.info = item.payload;
        changed = true;
        break;
      case 'groups:snapshot': {
        groups = new Map(item.payload.groups.map((g) => [g.key, g]));
        groupsCopied = true;
        markers = mergeMarkers([], item.payload.markers ?? []);
        changed = true;
        break;
      }
      case 'groups:delta': {
        if (state.groups === null && !groupsCopied) break;
        const draft = groupsDraft();
        for (const group of item.payload.groups) draft.set(group.key, group);
        if ((item.payload.markers ?? []).length > 0) {
          markers = mergeMarkers(markers, item.payload.markers);
        }
        changed = true;
        break;
      }
      case 'tree:snapshot': {
        if (item.payload.filter.group !== state.tree.group) break;
        // Compared with what the store holds, whatever came before in this batch.
        const merged = mergeSnapshot(state.tree.processes, item.payload.processes);
        processes = merged.processes;
        processesCopied = true;
        changedIds = merged.changed;
        treeTouched = true;
        break;
      }
      case 'sync:required':
        break;
      case 'tree:delta': {
        if (item.payload.filter.group !== state.tree.group) break;
        const draft = processesDraft();
        for (const process of item.payload.upserts) {
          draft.set(process.execId, process);
          changedIds.add(process.execId);
        }
        for (const execId of item.payload.removes) {
          draft.delete(execId);
          changedIds.add(execId);
        }
        treeTouched = true;
        break;
      }
    }
  }

  if (groupsCopied) patch.groups = groups;
  if (markers !== state.markers) patch.markers = markers;
  if (treeTouched) {
    if (processesCopied) recordChange(processes, state.tree.processes, changedIds);
    patch.tree = { ...state.tree, status: 'ready', error: null, processes };
    changed = true;
  }
  return changed ? patch : null;
}
