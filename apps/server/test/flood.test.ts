import { describe, expect, it } from 'vitest';
import { runFlood } from '../scripts/flood/run-flood.ts';

const MB = 1024 * 1024;

describe('a flood of POST /api/v1/events from this machine', () => {
  it('keeps /healthz fast, sheds with 429 and Retry-After, stores exactly what it accepted', async () => {
    // Well over what this machine ingests (about 10,000 events/s on two cores when idle),
    // over loopback only, for a bounded time; the full 60 s at 50,000/s is scripts/flood.ts.
    const result = await runFlood({
      eventsPerSecond: 30_000,
      durationMs: 6_000,
      linesPerRequest: 250,
      maxInFlight: 32,
      serveArgs: ['--ingest-queue', '256KiB', '--max-pod-processes', '2000'],
    });
    const { offer, health, rss } = result;
    const summary = JSON.stringify({ offer, health, rss, stored: result.stored });

    expect(offer.errors, summary).toBe(0);
    expect(offer.otherStatuses, summary).toEqual({});
    expect(offer.acceptedLines, summary).toBeGreaterThan(0);
    expect(offer.refused, summary).toBeGreaterThan(0);
    expect(offer.refusedWithRetryAfter, summary).toBe(offer.refused);
    // Every accepted line, and nothing refused, is in the database (every line is distinct).
    expect(result.stored, summary).toBe(offer.acceptedLines);

    expect(health.failures, summary).toBe(0);
    expect(health.probes, summary).toBeGreaterThan(50);
    expect(health.p99Ms, summary).toBeLessThan(200);
    // Bounded: queued bodies are capped and each pod keeps at most 2,000 processes.
    expect(rss.maxBytes, summary).toBeLessThan(512 * MB);
  }, 60_000);
});
