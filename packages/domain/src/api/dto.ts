/** Response bodies of HTTP API v1 (see docs/api.md). */
import type { Process, ProcessTreeRoot } from '../process.ts';
import type { GroupSummary, LossMarker } from '../tree/summary.ts';

export interface PodSummary {
  key: string;
  namespace: string;
  name: string;
  node: string;
  workload: string | null;
  workloadKind: string | null;
  processes: number;
  running: number;
  exited: number;
  flagged: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface PodsResponse {
  pods: PodSummary[];
}

export interface GroupsResponse {
  groups: GroupSummary[];
}

export interface ProcessesResponse {
  processes: Process[];
  nextCursor: string | null;
}

export interface TreeResponse {
  roots: ProcessTreeRoot[];
  markers: LossMarker[];
}

/** GET /api/v1/search: matches plus their ancestors, so results render as a tree. */
export interface SearchResponse {
  /** The first `limit` matches by start time, then exec id. */
  processes: Process[];
  /** Ancestors of the matches that are not matches themselves, across groups. */
  ancestors: Process[];
  total: number;
  truncated: boolean;
}

export interface ProcessDetailResponse {
  process: Process;
  ancestors: Process[];
  children: Process[];
  /** Raw Tetragon event objects in time order. */
  events: unknown[];
}

export interface IngestError {
  /** 1-based line number within the request body. */
  line: number;
  error: string;
}

export interface IngestResponse {
  accepted: number;
  rejected: number;
  errors: IngestError[];
}

export interface MarkersResponse {
  markers: LossMarker[];
}

export type SourceKind = 'file' | 'stdin' | 'http' | 'demo' | 'grpc';

export interface SourceStatus {
  id: string;
  kind: SourceKind;
  /** File path, gRPC address, "-" for stdin. */
  target: string;
  connected: boolean;
  linesRead: number;
  accepted: number;
  rejected: number;
  lastError: string | null;
}

/** A configured limit of the server and how often it was hit since the server started. */
export interface LimitStatus {
  /** e.g. `max_line`, `max_clients`, `ingest_queue` (see docs/security.md). */
  name: string;
  limit: number;
  /** What `limit` counts: `bytes`, `bytes/s`, `processes`, `clients` or `attempts/min`. */
  unit: string;
  hits: number;
}

export interface InfoResponse {
  version: string;
  /** True when the server replays the bundled demo stream because no source was configured. */
  demo: boolean;
  sources: SourceStatus[];
  /** The server's limits and how often each was hit; absent from older servers. */
  limits?: LimitStatus[];
  /** `token` when every request must carry the access token or a login session. */
  auth?: 'none' | 'token';
  /**
   * While the server rebuilds its trees from the stored events after a start: how many it
   * replayed of how many; null once done (the trees then hold everything); absent from
   * older servers.
   */
  rebuild?: RebuildProgress | null;
}

export interface RebuildProgress {
  replayed: number;
  total: number;
}

export interface HealthResponse {
  status: 'ok';
}

export interface ErrorResponse {
  error: string;
}

export const MAX_LISTED_INGEST_ERRORS = 100;
