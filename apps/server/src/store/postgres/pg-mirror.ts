import type { ProcessTreeBuilder } from '@exectree/domain';
import type { Pool } from 'pg';
import type { Log } from '../../log.ts';
import { readChanges, type Changes } from './pg-changes.ts';
import {
  CONTAINER_STUB_ID,
  containerPodEvent,
  markerEvent,
  rowEvents,
  standInEvent,
} from './row-events.ts';
import { fromPgText } from './pg-text.ts';
import { inTransaction } from './pg-transaction.ts';

/** Even without a nudge, replicas look for changes this often (a peer may have died mid-nudge). */
export const DEFAULT_SCAN_INTERVAL_MS = 1_000;

/**
 * Keeps this replica's ProcessTreeBuilder equal to the merged tables. A scan reads every row
 * changed since the previous scan's oldest running transaction (so a transaction that
 * commits late is still seen) and feeds it to the builder as snapshots; the builder's own
 * dirty tracking then yields the deltas, with previous groups and derived effects, exactly
 * as if the events had been applied here. Scans run when this replica commits, when a peer
 * says it did, and every second in any case.
 */
export class PgMirror {
  private from = '0';
  private readonly appliedForgets = new Set<string>();
  private probes = 0;
  /** The last scan error logged: a database that stays down is reported once. */
  private failing: string | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private started = false;

  constructor(
    private readonly pool: Pool,
    private readonly builder: ProcessTreeBuilder,
    private readonly origin: string,
    private readonly log: Log,
  ) {}

  /** Loads the whole tree (the first scan reads everything), then scans on a timer. */
  async start(intervalMs = DEFAULT_SCAN_INTERVAL_MS): Promise<void> {
    await this.scan();
    this.started = true;
    this.timer = setInterval(() => this.requestScan(), intervalMs);
    this.timer.unref();
  }

  /** Scans soon; requests during a scan are folded into one more scan after it. */
  requestScan(): void {
    if (this.closed || !this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Resolves once no scan is running or pending. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.settled();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.scan();
        if (this.failing !== undefined) this.log('postgres: scans work again');
        this.failing = undefined;
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        if (text !== this.failing) this.log(`postgres: scan failed: ${text}`);
        this.failing = text;
        return;
      }
    } while (this.again && !this.closed);
  }

  private async scan(): Promise<void> {
    const changes = await inTransaction(
      this.pool,
      (client) => readChanges(client, this.from),
      'REPEATABLE READ READ ONLY',
    );
    this.apply(changes);
    this.from = changes.xmin;
  }

  private apply(changes: Changes): void {
    const { builder } = this;
    // Deletions first: a process deleted and then seen again was recreated by a late event.
    for (const forgotten of changes.forgotten) {
      if (this.appliedForgets.has(forgotten.id)) continue;
      this.appliedForgets.add(forgotten.id);
      if (forgotten.origin === this.origin) continue;
      builder.forget(forgotten.exec_ids.map(fromPgText));
      builder.forgetMarkers(forgotten.marker_ids.map(fromPgText));
    }
    for (const { docker, pod } of changes.containerPods) {
      const event = containerPodEvent(docker, pod);
      if (!event) continue;
      builder.apply(event);
      builder.forget([CONTAINER_STUB_ID]);
    }
    for (const row of changes.rows) {
      const held = builder.process(fromPgText(row.exec_id))?.eventCount ?? 0;
      const events = rowEvents(row, held, () => String((this.probes += 1)));
      // Counts need the process to exist first; rowEvents puts the probes last.
      for (const event of events) builder.apply(event);
    }
    for (const row of changes.standIns) {
      const event = standInEvent(row, {
        exit_time: row.pe_exit_time,
        exit_status: row.pe_exit_status,
        exit_signal: row.pe_exit_signal,
      });
      if (event) builder.apply(event);
    }
    for (const marker of changes.markers) builder.apply(markerEvent(marker));
  }
}
