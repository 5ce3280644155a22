import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import { offerReportSchema, type OfferOptions, type OfferReport } from './offer-load.ts';

/** tsx must be registered inside the worker before it can load a .ts entry. */
function bootstrap(entry: URL): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
}

const fromWorker = z.union([
  z.object({ kind: z.literal('report'), report: offerReportSchema }),
  z.object({ kind: z.literal('error'), message: z.string() }),
]);

/** Runs offerLoad on its own thread, so generating lines does not slow the caller's timers. */
export function offerLoadInWorker(options: OfferOptions): Promise<OfferReport> {
  const worker = new Worker(bootstrap(new URL('./offer-worker.ts', import.meta.url)), {
    eval: true,
    workerData: options,
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (raw: unknown) => {
      const message = fromWorker.parse(raw);
      void worker.terminate();
      if (message.kind === 'report') resolve(message.report);
      else reject(new Error(message.message));
    });
    worker.once('error', reject);
  });
}
