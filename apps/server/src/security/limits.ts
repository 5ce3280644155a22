import type { LimitStatus } from '@exectree/domain';
import type { IngestObserver } from '../ingest/pipeline.ts';
import { rejectionKind, type RejectionKind } from '../ingest/line-limits.ts';
import type { MetricsRegistry } from '../metrics/registry.ts';

/** Every limit the server enforces, with the unit its value counts. */
export const LIMIT_UNITS = {
  max_line: 'bytes',
  max_body: 'bytes',
  max_pod_processes: 'processes',
  max_clients: 'clients',
  ingest_queue: 'bytes',
  ingest_rate: 'bytes/s',
  login_rate: 'attempts/min',
} as const;

export type LimitName = keyof typeof LIMIT_UNITS;
export type LimitSettings = Readonly<Record<LimitName, number>>;

const MIB = 1024 * 1024;

/** The defaults `exectree serve` uses; see its --help and docs/security.md. */
export const DEFAULT_LIMITS: LimitSettings = {
  max_line: MIB,
  max_body: 16 * MIB,
  max_pod_processes: 100_000,
  max_clients: 200,
  ingest_queue: 64 * MIB,
  ingest_rate: 64 * MIB,
  login_rate: 10,
};

const REJECTION_KINDS: readonly RejectionKind[] = [
  'too_long',
  'invalid_utf8',
  'too_deep',
  'malformed',
];

/** The configured limits and how often each was hit; served at /metrics and in the info. */
export interface Limits {
  readonly settings: LimitSettings;
  hit(name: LimitName, by?: number): void;
  hits(name: LimitName): number;
  list(): LimitStatus[];
  /** Counts rejected lines by kind; a line too long is also a hit of max_line. */
  readonly ingest: IngestObserver;
}

export function createLimits(
  registry: MetricsRegistry,
  settings: LimitSettings = DEFAULT_LIMITS,
): Limits {
  const names = Object.keys(LIMIT_UNITS) as LimitName[];
  const hitCounter = registry.labeledCounter(
    'exectree_limit_hits_total',
    'Times a limit refused or dropped something: a line, a body, a client, a request, a login, an evicted process.',
    ['limit'],
  );
  for (const limit of names) hitCounter.init({ limit });
  registry.gauge(
    'exectree_limit',
    'Configured value of each limit (see exectree_limit_hits_total).',
    () => names.map((limit) => ({ labels: { limit }, value: settings[limit] })),
  );
  const rejectedLines = registry.labeledCounter(
    'exectree_lines_rejected_total',
    'Rejected lines per source and kind: too_long, invalid_utf8, too_deep (before parsing) or malformed (not JSON, not an event, wrong field types, undecodable message).',
    ['source', 'kind'],
  );

  const hit = (name: LimitName, by = 1) => hitCounter.inc({ limit: name }, by);
  const hits = (name: LimitName) => hitCounter.get({ limit: name });

  return {
    settings,
    hit,
    hits,
    list: () =>
      names.map((name) => ({
        name,
        limit: settings[name],
        unit: LIMIT_UNITS[name],
        hits: hits(name),
      })),
    ingest: {
      committed(source, batch) {
        if (batch.reasons.length === 0) return;
        const byKind = new Map<RejectionKind, number>();
        for (const reason of batch.reasons) {
          const kind = rejectionKind(reason);
          byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
        }
        for (const kind of REJECTION_KINDS) {
          const count = byKind.get(kind);
          if (count !== undefined) rejectedLines.inc({ source: source.id, kind }, count);
        }
        const tooLong = byKind.get('too_long');
        if (tooLong !== undefined) hit('max_line', tooLong);
      },
    },
  };
}

/** Hands each committed batch to every observer in turn. */
export function observeAll(...observers: readonly IngestObserver[]): IngestObserver {
  return {
    committed(source, batch) {
      for (const observer of observers) observer.committed(source, batch);
    },
  };
}
