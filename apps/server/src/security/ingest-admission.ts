import type { RequestHandler, Response } from 'express';
import { sendError } from '../http/http-error.ts';
import type { Limits } from './limits.ts';
import type { LoopLag } from './loop-lag.ts';
import { TokenBuckets } from './token-bucket.ts';

export interface IngestAdmissionOptions {
  limits: Limits;
  maxBodyBytes: number;
  /** Body bytes admitted and not yet answered, across clients (`--ingest-queue`). */
  queueBytes: number;
  /** Body bytes per second per client address (`--ingest-rate`), bursts up to twice that; 0: off. */
  ratePerClient: number;
  /** The event loop's lateness; past `maxLagMs` the server counts as saturated too. */
  lag?: LoopLag;
  maxLagMs?: number;
  now?: () => number;
}

export interface IngestAdmission {
  middleware: RequestHandler;
  /** Body bytes admitted and not yet answered. */
  queued(): number;
}

/** Retry-After when the queue is full: how long the queue takes to drain, 1 to 30 s. */
const MAX_RETRY_SECONDS = 30;
/**
 * Smoothed event-loop lateness past which the queue counts as full whatever its size: the
 * server is then so far behind that /healthz misses its 200 ms. A single pause (a drain, a
 * collection) stays well under it, so it is not turned into a refusal of whole seconds; the
 * bound of the queue is what sheds load.
 */
export const DEFAULT_MAX_LAG_MS = 250;
/** A body that would wait longer than this behind the queue is refused, not kept waiting. */
const MAX_QUEUE_WAIT_SECONDS = 2;

/** Bytes answered per second, over windows of a second, smoothed. */
class Throughput {
  private start: number;
  private bytes = 0;
  private rate = 0;

  constructor(private readonly now: () => number) {
    this.start = now();
  }

  add(bytes: number): void {
    this.roll();
    this.bytes += bytes;
  }

  perSecond(): number {
    this.roll();
    return this.rate;
  }

  private roll(): void {
    const at = this.now();
    const elapsed = at - this.start;
    if (elapsed < 1000) return;
    const current = (this.bytes * 1000) / elapsed;
    this.rate = this.rate === 0 ? current : (this.rate + current) / 2;
    this.start = at;
    this.bytes = 0;
  }
}

function tooMany(res: Response, seconds: number, error: string): void {
  res.set('Retry-After', String(seconds));
  sendError(res, 429, error);
}

/**
 * Decides, before the body is read, whether a POST /api/v1/events is taken on: a body over
 * --max-body gets 413 at once; a client over its rate, or a full queue of ingest work, gets
 * 429 with Retry-After. A request counts against the queue (its Content-Length, or
 * --max-body when it is chunked) until it is answered, so the bodies held in memory and the
 * work waiting for the event loop stay bounded however many clients post at once; bodies
 * within the bound wait their turn (ingest runs a batch per turn of the event loop) instead
 * of being refused. The queue also counts as full when a new body would wait more than two
 * seconds behind it at the current pace, and while the event loop stays far behind
 * (DEFAULT_MAX_LAG_MS). An empty queue always takes a request, so one large body cannot be
 * refused for ever.
 */
export function createIngestAdmission(options: IngestAdmissionOptions): IngestAdmission {
  const { limits, maxBodyBytes } = options;
  const now = options.now ?? Date.now;
  const buckets =
    options.ratePerClient > 0
      ? new TokenBuckets({
          ratePerSecond: options.ratePerClient,
          capacity: Math.max(2 * options.ratePerClient, maxBodyBytes),
          now,
        })
      : undefined;
  let queued = 0;
  const throughput = new Throughput(now);

  const answered = (bytes: number) => {
    queued -= bytes;
    throughput.add(bytes);
  };

  const retryAfter = (rate: number) =>
    rate <= 0 ? 1 : Math.min(MAX_RETRY_SECONDS, Math.max(1, Math.ceil(queued / rate)));

  const queueFull = (reserved: number): boolean => {
    if (queued === 0) return false;
    if (queued + reserved > options.queueBytes) return true;
    if ((options.lag?.current() ?? 0) > (options.maxLagMs ?? DEFAULT_MAX_LAG_MS)) return true;
    const rate = throughput.perSecond();
    return rate > 0 && (queued + reserved) / rate > MAX_QUEUE_WAIT_SECONDS;
  };

  const middleware: RequestHandler = (req, res, next) => {
    const header = req.headers['content-length'];
    const length = header === undefined ? undefined : Number(header);
    if (length !== undefined && length > maxBodyBytes) {
      limits.hit('max_body');
      res.set('Connection', 'close');
      sendError(res, 413, `request body is larger than the limit of ${maxBodyBytes} bytes`);
      return;
    }
    const reserved = length ?? maxBodyBytes;
    if (queueFull(reserved)) {
      limits.hit('ingest_queue');
      tooMany(res, retryAfter(throughput.perSecond()), 'ingest queue is full; retry later');
      return;
    }
    const client = req.socket.remoteAddress ?? 'unknown';
    const rate = buckets?.take(client, length ?? 0) ?? { ok: true };
    if (!rate.ok) {
      limits.hit('ingest_rate');
      tooMany(res, rate.retryAfterSeconds, 'ingest rate limit of this client reached; retry later');
      return;
    }
    queued += reserved;
    res.once('close', () => {
      answered(reserved);
      // A chunked body is charged once its size is known.
      const body: unknown = req.body;
      if (length === undefined && Buffer.isBuffer(body)) buckets?.charge(client, body.length);
      if (res.statusCode === 413) limits.hit('max_body');
    });
    next();
  };

  return { middleware, queued: () => queued };
}
