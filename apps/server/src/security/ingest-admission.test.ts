import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../metrics/registry.ts';
import { createIngestAdmission } from './ingest-admission.ts';
import { createLimits } from './limits.ts';

interface Answer {
  admitted: boolean;
  status?: number;
  retryAfter?: string;
  /** Ends the request as if it had been answered. */
  close(): void;
}

function harness(options: { queueBytes: number; lagMs?: number }) {
  let lag = options.lagMs ?? 0;
  const limits = createLimits(new MetricsRegistry());
  const admission = createIngestAdmission({
    limits,
    maxBodyBytes: 1_000_000,
    queueBytes: options.queueBytes,
    ratePerClient: 0,
    lag: { current: () => lag },
  });
  const post = (bytes: number): Answer => {
    const res = Object.assign(new EventEmitter(), {
      statusCode: 200,
      headers: {} as Record<string, string>,
      set(name: string, value: string) {
        this.headers[name] = value;
        return this;
      },
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      json() {
        return this;
      },
    });
    const req = { headers: { 'content-length': String(bytes) }, socket: {}, body: undefined };
    let admitted = false;
    admission.middleware(req as unknown as Request, res as unknown as Response, () => {
      admitted = true;
    });
    return {
      admitted,
      ...(admitted ? {} : { status: res.statusCode, retryAfter: res.headers['Retry-After'] }),
      close: () => res.emit('close'),
    };
  };
  return { post, admission, limits, setLag: (ms: number) => (lag = ms) };
}

describe('ingest admission', () => {
  it('queues bodies up to the bound and refuses past it with 429 and Retry-After', () => {
    const { post, admission, limits } = harness({ queueBytes: 1_000 });
    const first = post(400);
    const second = post(400);
    expect([first.admitted, second.admitted]).toEqual([true, true]);
    const third = post(400);
    expect(third).toMatchObject({ admitted: false, status: 429 });
    expect(Number(third.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(limits.hits('ingest_queue')).toBe(1);
    first.close();
    expect(admission.queued()).toBe(400);
    expect(post(400).admitted).toBe(true);
  });

  it('does not refuse for a short pause of the event loop, only when it stays far behind', () => {
    const { post, setLag } = harness({ queueBytes: 10_000 });
    post(100);
    setLag(120);
    expect(post(100).admitted).toBe(true);
    setLag(400);
    expect(post(100)).toMatchObject({ admitted: false, status: 429 });
  });

  it('always takes a body when nothing is queued', () => {
    const { post } = harness({ queueBytes: 100, lagMs: 1_000 });
    expect(post(500).admitted).toBe(true);
  });
});
