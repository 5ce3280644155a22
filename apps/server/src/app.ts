import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import { Server } from 'socket.io';
import type { InfoResponse, TreeReader, TreeWriter } from '@exectree/domain';
import type { IngestPipeline } from './ingest/pipeline.ts';
import type { SourceTracker } from './ingest/source-status.ts';
import type { Log } from './log.ts';
import type { EventStore } from './store/event-store.ts';
import { apiRouter } from './http/api-router.ts';
import { apiNotFound, errorHandler } from './http/http-error.ts';
import { healthRoute } from './http/status-routes.ts';
import { webApp } from './http/web-app.ts';
import { createLiveHub } from './live/live-hub.ts';
import type { LiveServer } from './live/types.ts';

export interface AppDeps {
  reader: TreeReader;
  writer: Pick<TreeWriter, 'drainChanges'>;
  store: EventStore;
  pipeline: IngestPipeline;
  /** Counts what arrives through POST /api/v1/events. */
  httpSource: SourceTracker;
  info: () => InfoResponse;
  log: Log;
  maxBodyBytes: number;
  webDistDir: string;
  flushIntervalMs?: number;
}

export interface App {
  app: Express;
  httpServer: HttpServer;
  io: LiveServer;
  /** Sends the last deltas, then closes sockets and the HTTP server. Does not close the store. */
  close(): Promise<void>;
}

/** Wires Express and socket.io onto a new HTTP server without listening. */
export function createApp(deps: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoute());
  app.use(
    '/api/v1',
    apiRouter({
      reader: deps.reader,
      store: deps.store,
      pipeline: deps.pipeline,
      httpSource: deps.httpSource,
      info: deps.info,
      maxBodyBytes: deps.maxBodyBytes,
    }),
  );
  app.use('/api', apiNotFound);
  app.use(webApp(deps.webDistDir));
  app.use(apiNotFound);
  app.use(errorHandler(deps.log, deps.maxBodyBytes));

  const httpServer = createServer(app);
  const io: LiveServer = new Server(httpServer, { serveClient: false });
  const hub = createLiveHub({
    io,
    reader: deps.reader,
    writer: deps.writer,
    info: deps.info,
    log: deps.log,
    ...(deps.flushIntervalMs === undefined ? {} : { flushIntervalMs: deps.flushIntervalMs }),
  });

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      hub.flush();
      hub.close();
      const closed = io.close();
      // Keep-alive connections would otherwise hold close() open until they time out.
      httpServer.closeAllConnections();
      await closed;
    })();
    return closing;
  };

  return { app, httpServer, io, close };
}
