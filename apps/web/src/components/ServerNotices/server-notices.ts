/**
 * What the server tells about itself that the user must not miss: limits it hit (data was
 * dropped, trimmed or refused) and the rebuild of its trees after a restart.
 */
import type { InfoResponse, LimitStatus, RebuildProgress } from '@exectree/domain';

/** While the server rebuilds, its progress is polled this often. */
export const REBUILD_POLL_MS = 1_000;
/** Otherwise limit hits are refreshed this often. */
export const INFO_POLL_MS = 30_000;
/** After a failed poll (server restarting, network). */
export const RETRY_POLL_MS = 5_000;

export function pollDelay(info: InfoResponse | null, failed: boolean): number {
  if (failed) return RETRY_POLL_MS;
  return info?.rebuild ? REBUILD_POLL_MS : INFO_POLL_MS;
}

/** Whole percent done, 0 to 100; an empty store is done. */
export function rebuildPercent(progress: RebuildProgress): number {
  if (progress.total <= 0) return 100;
  const percent = Math.floor((progress.replayed / progress.total) * 100);
  return Math.max(0, Math.min(100, percent));
}

/** The limits hit at least once, most hits first. */
export function hitLimits(info: InfoResponse | null): LimitStatus[] {
  return (info?.limits ?? [])
    .filter((limit) => limit.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.name.localeCompare(b.name));
}

interface LimitText {
  flag: string;
  /** What one hit means, in the user's terms. */
  effect: string;
}

const LIMIT_TEXTS: Record<string, LimitText> = {
  max_line: { flag: '--max-line', effect: 'event lines longer than this were rejected' },
  max_body: { flag: '--max-body', effect: 'ingest requests larger than this were refused (413)' },
  max_pod_processes: {
    flag: '--max-pod-processes',
    effect: 'ended processes were dropped from the trees of pods past this size (still searchable)',
  },
  max_clients: { flag: '--max-clients', effect: 'browsers were refused a live connection' },
  ingest_queue: {
    flag: '--ingest-queue',
    effect: 'ingest requests were refused while the queue was full (429)',
  },
  ingest_rate: {
    flag: '--ingest-rate',
    effect: 'ingest requests over the rate were refused (429)',
  },
  login_rate: { flag: '(fixed)', effect: 'sign-in attempts over the rate were refused' },
};

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** A limit's value in its unit: "1 MiB", "64 MiB/s", "100,000 processes". */
export function formatLimitValue(limit: Pick<LimitStatus, 'limit' | 'unit'>): string {
  const bytes = limit.unit === 'bytes' || limit.unit === 'bytes/s';
  if (!bytes) return `${limit.limit.toLocaleString('en-US')} ${limit.unit}`;
  let value = limit.limit;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1 && value % 1024 === 0) {
    value /= 1024;
    unit += 1;
  }
  const suffix = limit.unit === 'bytes/s' ? '/s' : '';
  return `${value.toLocaleString('en-US')} ${BYTE_UNITS[unit] ?? 'B'}${suffix}`;
}

export interface LimitExplanation {
  name: string;
  flag: string;
  value: string;
  hits: number;
  /** "3 times: event lines longer than this were rejected" */
  sentence: string;
}

export function explainLimit(limit: LimitStatus): LimitExplanation {
  const text = LIMIT_TEXTS[limit.name] ?? { flag: limit.name, effect: 'the server hit this limit' };
  const times = limit.hits === 1 ? 'once' : `${limit.hits.toLocaleString('en-US')} times`;
  return {
    name: limit.name,
    flag: text.flag,
    value: formatLimitValue(limit),
    hits: limit.hits,
    sentence: `${times}: ${text.effect}`,
  };
}

/** The chip's label: "1 limit hit", "3 limits hit". */
export function limitsLabel(count: number): string {
  return count === 1 ? '1 limit hit' : `${count} limits hit`;
}
