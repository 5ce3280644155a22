import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import { Server, type ServerOptions } from 'socket.io';
import type { InfoResponse, TreeReader } from '@exectree/domain';
import type { ChangeFeed } from './changes/change-feed.ts';
import type { RebuildStatus } from './engine-rebuild.ts';
import type { IngestPipeline } from './ingest/pipeline.ts';
import type { SourceTracker } from './ingest/source-status.ts';
import type { Log } from './log.ts';
import type { EventStore } from './store/event-store.ts';
import type { ProcessSearch } from './store/process-store.ts';
import { apiRouter } from './http/api-router.ts';
import { apiNotFound, errorHandler } from './http/http-error.ts';
import { createIngestGate } from './http/ingest-gate.ts';
import { metricsRoute } from './http/metrics-route.ts';
import { healthRoute } from './http/status-routes.ts';
import { webApp } from './http/web-app.ts';
import { createLiveHub } from './live/live-hub.ts';
import type { BacklogLimits } from './live/live-session.ts';
import type { LiveServer } from './live/types.ts';
import type { ServerMetrics } from './metrics/server-metrics.ts';
import { createHttpSecurity, type SecurityOptions } from './security/http-security.ts';
import type { Limits } from './security/limits.ts';

export interface AppDeps {
  reader: TreeReader;
  /** The engine's drain of the tree (see engine.ts). */
  changes: Pick<ChangeFeed, 'subscribe' | 'flush'>;
  store: EventStore;
  search: ProcessSearch;
  pipeline: IngestPipeline;
  /** Counts what arrives through POST /api/v1/events. */
  httpSource: SourceTracker;
  info: () => InfoResponse;
  log: Log;
  maxBodyBytes: number;
  webDistDir: string;
  metrics: ServerMetrics;
  /** When a slow socket is told to resync; defaults in live-session.ts. */
  liveBacklog?: Partial<BacklogLimits>;
  /** How long shutdown waits for ingest requests in flight (default 5 s). */
  drainTimeoutMs?: number;
  /** Replicas on PostgreSQL share socket.io through its adapter (engine-postgres.ts). */
  adapter?: NonNullable<ServerOptions['adapter']>;
  /** Enforced on requests and sockets, counted when hit (see security/). */
  limits: Limits;
  /** The access token, if any; see docs/security.md. */
  security?: SecurityOptions;
  /** Longest line of a POST body (`--max-line`). */
  maxLineBytes?: number;
  /** The tree's rebuild after a start: no deltas until it is done (see live-hub.ts). */
  rebuild?: Pick<RebuildStatus, 'progress' | 'onDone'>;
}

/** How long shutdown waits for sockets to take the last deltas. */
const SOCKET_SETTLE_MS = 1_000;
const DEFAULT_DRAIN_TIMEOUT_MS = 5_000;

export interface App {
  app: Express;
  httpServer: HttpServer;
  io: LiveServer;
  /**
   * Stops listening, answers 503 to new POST /api/v1/events and resolves once the ones in
   * flight have committed and answered (or the drain timeout passed).
   */
  stopIngest(): Promise<void>;
  /** stopIngest, then sends the last deltas and closes sockets and the HTTP server. Does not close the store. */
  close(): Promise<void>;
}

/** Wires Express and socket.io onto a new HTTP server without listening. */
export function createApp(deps: AppDeps): App {
  const app = express();
  app.disable('x-powered-by');
  const security = createHttpSecurity({
    security: deps.security ?? {},
    limits: deps.limits,
    registry: deps.metrics.registry,
    log: deps.log,
  });
  app.use(security.front);
  app.use(healthRoute());
  app.use(security.requireAuth);
  app.use(metricsRoute(deps.metrics.registry));
  const ingestGate = createIngestGate();
  app.post('/api/v1/events', ingestGate.middleware, security.ingestAdmission.middleware);
  deps.metrics.registry.gauge(
    'exectree_ingest_requests_in_flight',
    'POST /api/v1/events requests admitted and not yet answered.',
    () => [{ value: ingestGate.inFlight() }],
  );
  app.use(
    '/api/v1',
    apiRouter({
      reader: deps.reader,
      store: deps.store,
      search: deps.search,
      pipeline: deps.pipeline,
      httpSource: deps.httpSource,
      info: deps.info,
      maxBodyBytes: deps.maxBodyBytes,
      ...(deps.maxLineBytes === undefined ? {} : { maxLineBytes: deps.maxLineBytes }),
    }),
  );
  app.use('/api', apiNotFound);
  app.use(webApp(deps.webDistDir));
  app.use(apiNotFound);
  app.use(errorHandler(deps.log, deps.maxBodyBytes));

  const httpServer = createServer(app);
  const io: LiveServer = new Server(httpServer, {
    serveClient: false,
    ...security.socketOptions,
    ...(deps.adapter === undefined ? {} : { adapter: deps.adapter }),
  });
  security.guardSockets(io);
  const hub = createLiveHub({
    io,
    reader: deps.reader,
    changes: deps.changes,
    info: deps.info,
    log: deps.log,
    metrics: deps.metrics,
    ...(deps.liveBacklog === undefined ? {} : { backlog: deps.liveBacklog }),
    ...(deps.rebuild === undefined ? {} : { rebuild: deps.rebuild }),
  });

  let stopping: Promise<void> | undefined;
  const stopIngest = () => {
    stopping ??= (async () => {
      ingestGate.close();
      httpServer.close();
      const timeoutMs = deps.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
      if (!(await ingestGate.drained(timeoutMs))) {
        deps.log(
          `shutdown: ${ingestGate.inFlight()} ingest requests still running after ${timeoutMs} ms; closing them unanswered`,
        );
      }
    })();
    return stopping;
  };

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await stopIngest();
      await hub.flushAndSettle(SOCKET_SETTLE_MS);
      hub.close();
      const closed = io.close();
      // Keep-alive connections would otherwise hold close() open until they time out.
      httpServer.closeAllConnections();
      await closed;
    })();
    return closing;
  };

  return { app, httpServer, io, stopIngest, close };
}
