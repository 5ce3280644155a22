import type { RequestHandler } from 'express';
import { sendError } from './http-error.ts';

/** Seconds a client is asked to wait before retrying an ingest refused during shutdown. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Counts ingest requests in flight so shutdown can let them commit and answer, and turns
 * new ones away with 503 once shutdown has begun.
 */
export interface IngestGate {
  middleware: RequestHandler;
  /** From now on new requests get 503. */
  close(): void;
  /** Resolves true once no admitted request is left, or false after `timeoutMs`. */
  drained(timeoutMs: number): Promise<boolean>;
  inFlight(): number;
}

export function createIngestGate(): IngestGate {
  let open = true;
  let inFlight = 0;
  const waiters = new Set<() => void>();

  const settle = () => {
    if (inFlight > 0) return;
    for (const wake of waiters) wake();
    waiters.clear();
  };

  const middleware: RequestHandler = (_req, res, next) => {
    if (!open) {
      res.set('Connection', 'close');
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      sendError(res, 503, 'server is shutting down; retry against the next instance');
      return;
    }
    inFlight += 1;
    // 'close' follows 'finish' for a completed answer and also fires when the client goes away.
    res.once('close', () => {
      inFlight -= 1;
      settle();
    });
    next();
  };

  return {
    middleware,
    close() {
      open = false;
    },
    drained(timeoutMs) {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(wake);
          resolve(false);
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        waiters.add(wake);
      });
    },
    inFlight: () => inFlight,
  };
}
