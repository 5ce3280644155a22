import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '../../src/store/sqlite-event-store.ts';
import type { OfferReport } from './offer-load.ts';
import { percentile, probeHealth } from './probe.ts';
import { offerLoadInWorker } from './run-in-worker.ts';

const BIN = fileURLToPath(new URL('../../bin/exectree.js', import.meta.url));
const STARTUP_MS = 30_000;

export interface FloodOptions {
  eventsPerSecond: number;
  durationMs: number;
  linesPerRequest: number;
  maxInFlight: number;
  /** Extra `exectree serve` flags, e.g. ['--ingest-queue', '256KiB']. */
  serveArgs: readonly string[];
}

export interface FloodResult {
  offer: OfferReport;
  health: { probes: number; failures: number; p50Ms: number; p99Ms: number; maxMs: number };
  rss: { firstBytes: number; maxBytes: number; lastBytes: number; tenths: number[] };
  /** Events in the database after the server stopped. */
  stored: number;
  serverLog: string;
}

/**
 * Starts `exectree serve` on 127.0.0.1 with a fresh SQLite file, offers the load from a
 * worker thread while probing /healthz and sampling the server's RSS, stops the server with
 * SIGTERM (which lets ingest in flight commit) and counts what was stored.
 */
export async function runFlood(options: FloodOptions): Promise<FloodResult> {
  const dir = mkdtempSync(join(tmpdir(), 'exectree-flood-'));
  const db = join(dir, 'flood.db');
  const args = ['serve', '--no-demo', '--host', '127.0.0.1', '--port', '0', '--db', db];
  // Retention must not delete what was accepted before it is counted.
  args.push('--retention-age', '0', '--retention-size', '0');
  const child = spawn(process.execPath, [BIN, ...args, ...options.serveArgs], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = once(child, 'exit');
  try {
    const url = await listening(
      () => stdout,
      () => child.exitCode !== null,
    );
    const probe = probeHealth(url, child.pid === undefined ? {} : { pid: child.pid });
    const offer = await offerLoadInWorker({
      url,
      eventsPerSecond: options.eventsPerSecond,
      durationMs: options.durationMs,
      linesPerRequest: options.linesPerRequest,
      maxInFlight: options.maxInFlight,
    });
    const health = await probe.stop();
    child.kill('SIGTERM');
    await exited;
    const store = new SqliteEventStore(db);
    const stored = store.count();
    store.close();
    const rss = health.rssBytes;
    return {
      offer,
      health: {
        probes: health.latenciesMs.length,
        failures: health.failures,
        p50Ms: percentile(health.latenciesMs, 50),
        p99Ms: percentile(health.latenciesMs, 99),
        maxMs: Math.max(...health.latenciesMs),
      },
      rss: {
        firstBytes: rss[0] ?? Number.NaN,
        maxBytes: Math.max(...rss),
        lastBytes: rss.at(-1) ?? Number.NaN,
        tenths: Array.from(
          { length: 10 },
          (_, i) => rss[Math.floor(((i + 1) * rss.length) / 10) - 1] ?? Number.NaN,
        ),
      },
      stored,
      serverLog: stderr,
    };
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function listening(stdout: () => string, exited: () => boolean): Promise<string> {
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    const url = /^listening on (http:\/\/\S+)$/m.exec(stdout())?.[1];
    if (url !== undefined) return url;
    if (exited() || Date.now() > deadline) throw new Error('exectree serve did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
