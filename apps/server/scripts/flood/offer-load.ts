import { Agent, request } from 'node:http';
import { z } from 'zod';
import { floodLines } from './flood-lines.ts';

export const offerOptionsSchema = z.object({
  /** http://127.0.0.1:PORT: floods go to this machine only. */
  url: z.string(),
  eventsPerSecond: z.number().positive(),
  durationMs: z.number().positive(),
  linesPerRequest: z.number().int().positive(),
  /** Requests in flight at most; a tick that finds them all busy offers nothing. */
  maxInFlight: z.number().int().positive(),
  token: z.string().optional(),
  firstPid: z.number().int().optional(),
});
export type OfferOptions = z.infer<typeof offerOptionsSchema>;

const count = z.number().int().nonnegative();

export const offerReportSchema = z.object({
  /** Lines sent in requests that got an answer. */
  offeredLines: count,
  requests: count,
  /** Sum of `accepted` over the 200 answers. */
  acceptedLines: count,
  acceptedRequests: count,
  /** 429 answers, and how many of them carried Retry-After. */
  refused: count,
  refusedWithRetryAfter: count,
  otherStatuses: z.record(z.string(), count),
  /** Requests that ended without an answer (their lines may or may not be stored). */
  errors: count,
  unansweredLines: count,
  /** Lines not offered because every request slot was busy. */
  skippedLines: count,
  elapsedMs: z.number(),
});
export type OfferReport = z.infer<typeof offerReportSchema>;

const TICK_MS = 10;

function assertLoopback(url: string): URL {
  const parsed = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname)) {
    throw new Error(`floods go to this machine only, not ${parsed.hostname}`);
  }
  return parsed;
}

/**
 * Offers `eventsPerSecond` distinct lines to POST /api/v1/events for `durationMs`, open
 * loop: lines are due by the clock whatever the answers, in requests of `linesPerRequest`.
 */
export async function offerLoad(options: OfferOptions): Promise<OfferReport> {
  const target = assertLoopback(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const lines = floodLines(options.firstPid === undefined ? {} : { firstPid: options.firstPid });
  const report: OfferReport = {
    offeredLines: 0,
    requests: 0,
    acceptedLines: 0,
    acceptedRequests: 0,
    refused: 0,
    refusedWithRetryAfter: 0,
    otherStatuses: {},
    errors: 0,
    unansweredLines: 0,
    skippedLines: 0,
    elapsedMs: 0,
  };
  let inFlight = 0;
  const pending = new Set<Promise<void>>();

  const post = (batch: string[]) => {
    const body = `${batch.join('\n')}\n`;
    inFlight += 1;
    report.requests += 1;
    const done = new Promise<void>((resolve) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: '/api/v1/events',
          method: 'POST',
          headers: {
            'content-type': 'application/x-ndjson',
            'content-length': Buffer.byteLength(body),
            ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            report.offeredLines += batch.length;
            if (res.statusCode === 200) {
              report.acceptedRequests += 1;
              report.acceptedLines += Number(/"accepted":(\d+)/.exec(text)?.[1] ?? 0);
            } else if (res.statusCode === 429) {
              report.refused += 1;
              if (res.headers['retry-after'] !== undefined) report.refusedWithRetryAfter += 1;
            } else {
              const key = String(res.statusCode);
              report.otherStatuses[key] = (report.otherStatuses[key] ?? 0) + 1;
            }
            resolve();
          });
          res.on('error', () => resolve());
        },
      );
      req.on('error', () => {
        report.errors += 1;
        report.unansweredLines += batch.length;
        resolve();
      });
      req.end(body);
    }).finally(() => {
      inFlight -= 1;
      pending.delete(done);
    });
    pending.add(done);
  };

  const started = performance.now();
  let due = 0;
  while (performance.now() - started < options.durationMs) {
    const elapsed = performance.now() - started;
    const shouldHaveOffered = Math.floor((elapsed / 1000) * options.eventsPerSecond);
    while (due + options.linesPerRequest <= shouldHaveOffered) {
      due += options.linesPerRequest;
      if (inFlight >= options.maxInFlight) report.skippedLines += options.linesPerRequest;
      else post(lines.next(options.linesPerRequest));
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await Promise.all(pending);
  agent.destroy();
  report.elapsedMs = performance.now() - started;
  return report;
}
