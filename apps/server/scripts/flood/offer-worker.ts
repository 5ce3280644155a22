import { parentPort, workerData } from 'node:worker_threads';
import { offerLoad, offerOptionsSchema } from './offer-load.ts';

/** Worker entry: offers the load given as workerData and posts the report back. */
offerLoad(offerOptionsSchema.parse(workerData)).then(
  (report) => parentPort?.postMessage({ kind: 'report', report }),
  (error: unknown) =>
    parentPort?.postMessage({
      kind: 'error',
      message: error instanceof Error ? error.message : String(error),
    }),
);
