import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseBatch, type ParsedBatch } from './parse-batch.ts';
import type { ParseReply, ParseRequest } from './parse-messages.ts';

/** Parses batches of lines somewhere else; each promise settles with its own batch. */
export interface BatchParser {
  /** How many batches it parses at once (worker threads, or 1 in the calling thread). */
  readonly size: number;
  parse(texts: string[]): Promise<ParsedBatch>;
  close(): Promise<void>;
}

const WORKER_ENTRY = new URL('./parse-worker-boot.mjs', import.meta.url);

/** One thread per core but the one the caller keeps for reading and storing, at least one. */
export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

interface Pending {
  resolve(batch: ParsedBatch): void;
  reject(error: Error): void;
}

interface PoolWorker {
  thread: Worker;
  /** Set once the worker has loaded the parser: starting takes 0.2 s or more. */
  ready: boolean;
  pending: Map<number, Pending>;
}

/**
 * Worker threads that parse batches of lines. Batches go to the least busy started worker;
 * until one has started they are parsed in the calling thread, which would otherwise wait.
 * A caller that awaits the promises in the order it called `parse` gets the results in line
 * order, whichever worker finishes first. An idle pool does not keep the process alive.
 */
export class ParsePool implements BatchParser {
  private readonly workers: PoolWorker[] = [];
  private nextId = 0;
  private failure: Error | undefined;

  /** `entry` replaces the worker script (tests). */
  constructor(
    size = defaultPoolSize(),
    private readonly entry: URL = WORKER_ENTRY,
  ) {
    for (let i = 0; i < Math.max(1, size); i++) this.workers.push(this.spawn());
  }

  get size(): number {
    return this.workers.length;
  }

  /** How many workers have started. */
  get started(): number {
    return this.workers.filter((worker) => worker.ready).length;
  }

  parse(texts: string[]): Promise<ParsedBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const worker = this.leastBusy();
    if (worker === undefined) {
      try {
        return Promise.resolve(parseBatch(texts));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    const id = (this.nextId += 1);
    return new Promise<ParsedBatch>((resolve, reject) => {
      if (worker.pending.size === 0) worker.thread.ref();
      worker.pending.set(id, { resolve, reject });
      const request: ParseRequest = { id, texts };
      worker.thread.postMessage(request);
    });
  }

  /** Stops every worker; batches still being parsed are rejected. */
  async close(): Promise<void> {
    this.failure ??= new Error('the parse pool was closed');
    const workers = this.workers.splice(0);
    for (const worker of workers) this.rejectAll(worker, this.failure);
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
  }

  /** The started worker with the fewest batches, if any has started. */
  private leastBusy(): PoolWorker | undefined {
    let best: PoolWorker | undefined;
    for (const worker of this.workers) {
      if (worker.ready && (best === undefined || worker.pending.size < best.pending.size)) {
        best = worker;
      }
    }
    return best;
  }

  private spawn(): PoolWorker {
    // Node options of this process (e.g. --import tsx) would load a second TypeScript loader.
    const thread = new Worker(this.entry, { execArgv: [] });
    const worker: PoolWorker = { thread, ready: false, pending: new Map() };
    thread.unref();
    thread.on('message', (reply: ParseReply) => this.settle(worker, reply));
    thread.on('error', (error) => this.fail(worker, error));
    thread.on('exit', (code) => {
      if (this.failure === undefined) this.fail(worker, new Error(`parse worker exited (${code})`));
    });
    return worker;
  }

  private settle(worker: PoolWorker, reply: ParseReply): void {
    if ('ready' in reply) {
      worker.ready = true;
      return;
    }
    const pending = worker.pending.get(reply.id);
    if (pending === undefined) return;
    worker.pending.delete(reply.id);
    if (worker.pending.size === 0) worker.thread.unref();
    if ('error' in reply) pending.reject(new Error(`parse worker: ${reply.error}`));
    else pending.resolve(reply.batch);
  }

  /** A worker that died takes the pool with it: the lines it held are lost. */
  private fail(worker: PoolWorker, error: Error): void {
    this.failure ??= error;
    this.rejectAll(worker, error);
    void this.close();
  }

  private rejectAll(worker: PoolWorker, error: Error): void {
    for (const pending of worker.pending.values()) pending.reject(error);
    worker.pending.clear();
    worker.thread.unref();
  }
}
