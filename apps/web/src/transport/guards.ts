/**
 * Narrow shape checks at the transport edge. The server shares its types with us through
 * @exectree/domain, so these only reject what would crash the UI (wrong container types),
 * not every field.
 */
import type {
  GroupsDelta,
  GroupsSnapshot,
  InfoResponse,
  Process,
  ProcessDetailResponse,
  SyncRequired,
  TreeDelta,
  TreeSnapshot,
} from '@exectree/domain';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasSeq(value: Record<string, unknown>): boolean {
  return typeof value['seq'] === 'number' && Number.isFinite(value['seq']);
}

function hasFilter(value: Record<string, unknown>): boolean {
  const filter = value['filter'];
  return isRecord(filter) && typeof filter['group'] === 'string';
}

function isProcessLike(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value['execId'] === 'string' &&
    typeof value['binary'] === 'string' &&
    typeof value['state'] === 'string'
  );
}

function isProcessArray(value: unknown): boolean {
  return Array.isArray(value) && value.every(isProcessLike);
}

function isGroupArray(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every((g) => isRecord(g) && typeof g['key'] === 'string' && typeof g['kind'] === 'string')
  );
}

export function isInfo(value: unknown): value is InfoResponse {
  return (
    isRecord(value) && typeof value['demo'] === 'boolean' && Array.isArray(value['sources'] ?? [])
  );
}

export function isGroupsSnapshot(value: unknown): value is GroupsSnapshot {
  return isRecord(value) && hasSeq(value) && isGroupArray(value['groups']);
}

export function isGroupsDelta(value: unknown): value is GroupsDelta {
  return isGroupsSnapshot(value);
}

export function isTreeSnapshot(value: unknown): value is TreeSnapshot {
  return isRecord(value) && hasSeq(value) && hasFilter(value) && isProcessArray(value['processes']);
}

export function isTreeDelta(value: unknown): value is TreeDelta {
  return (
    isRecord(value) &&
    hasSeq(value) &&
    hasFilter(value) &&
    isProcessArray(value['upserts']) &&
    Array.isArray(value['removes']) &&
    value['removes'].every((r) => typeof r === 'string')
  );
}

export function isProcessDetail(value: unknown): value is ProcessDetailResponse {
  return (
    isRecord(value) &&
    isProcessLike(value['process']) &&
    isProcessArray(value['ancestors']) &&
    isProcessArray(value['children'])
  );
}

/** `GET /api/v1/search`. */
export interface SearchResponse {
  processes: Process[];
  /** Ancestors of the matches that are not matches themselves, across groups. */
  ancestors: Process[];
  total: number;
  truncated: boolean;
}

export function isSearchResponse(value: unknown): value is SearchResponse {
  return (
    isRecord(value) &&
    isProcessArray(value['processes']) &&
    isProcessArray(value['ancestors'] ?? []) &&
    typeof value['total'] === 'number' &&
    typeof value['truncated'] === 'boolean'
  );
}

export function isSyncRequired(value: unknown): value is SyncRequired {
  return isRecord(value) && hasSeq(value);
}
