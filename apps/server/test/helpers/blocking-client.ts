import { Worker } from 'node:worker_threads';
import type { TreeFilter } from '@exectree/domain';
import { waitFor } from './wait-for.ts';

export type ToWorker =
  { kind: 'subscribe'; filter: TreeFilter } | { kind: 'block' } | { kind: 'close' };

export type FromWorker =
  | { kind: 'message'; event: string; seq: number | null; count: number | null }
  | { kind: 'subscribed'; ok: boolean }
  | { kind: 'blocked' }
  | { kind: 'unblocked' };

export interface BlockingClient {
  /** Everything the worker reported, in order. */
  reports: FromWorker[];
  messages(): Extract<FromWorker, { kind: 'message' }>[];
  subscribe(filter: TreeFilter): Promise<void>;
  /** Resolves once the client's handler is blocked: it reads nothing from now on. */
  block(): Promise<void>;
  unblock(): void;
  close(): Promise<void>;
}

/** tsx must be registered inside the worker before it can load a .ts entry. */
function bootstrap(entry: URL): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
}

export async function startBlockingClient(
  url: string,
  options: { answersSyncRequired?: boolean } = {},
): Promise<BlockingClient> {
  const gate = new SharedArrayBuffer(4);
  const gateView = new Int32Array(gate);
  const worker = new Worker(bootstrap(new URL('./blocking-client.worker.ts', import.meta.url)), {
    eval: true,
    workerData: { url, gate, answersSyncRequired: options.answersSyncRequired ?? true },
  });
  const reports: FromWorker[] = [];
  let failure: Error | undefined;
  worker.on('message', (message: FromWorker) => reports.push(message));
  worker.on('error', (error) => (failure = error));
  const reported = (kind: FromWorker['kind'], from = 0) =>
    waitFor(`blocking client: ${kind}`, () => {
      if (failure) throw failure;
      return reports.slice(from).find((report) => report.kind === kind);
    });
  const send = (message: ToWorker) => worker.postMessage(message);
  const unblock = () => {
    Atomics.store(gateView, 0, 1);
    Atomics.notify(gateView, 0);
  };

  const client: BlockingClient = {
    reports,
    messages: () => reports.filter((r) => r.kind === 'message'),
    async subscribe(filter) {
      const from = reports.length;
      send({ kind: 'subscribe', filter });
      await reported('subscribed', from);
    },
    async block() {
      Atomics.store(gateView, 0, 0);
      const from = reports.length;
      send({ kind: 'block' });
      await reported('blocked', from);
    },
    unblock,
    async close() {
      unblock();
      send({ kind: 'close' });
      await worker.terminate();
    },
  };
  await waitFor('blocking client: groups:snapshot', () => {
    if (failure) throw failure;
    return client.messages().some((m) => m.event === 'groups:snapshot');
  });
  return client;
}
