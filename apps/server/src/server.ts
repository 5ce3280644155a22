import { DEFAULT_MAX_LINE_LENGTH, parseLine, type InfoResponse } from '@exectree/domain';
import { createApp, type App } from './app.ts';
import type { Engine } from './engine.ts';
import { openEngineFor } from './engine-open.ts';
import { DEFAULT_WEB_DIST } from './http/web-app.ts';
import { createDemoSource } from './ingest/demo-source.ts';
import { createFileSource } from './ingest/file-source.ts';
import type { Source } from './ingest/source.ts';
import { createStreamSource } from './ingest/stream-source.ts';
import type { BacklogLimits } from './live/live-session.ts';
import type { Log } from './log.ts';
import type { RetentionPolicy } from './retention/retention-job.ts';
import { MEMORY_DB } from './store/sqlite-event-store.ts';
import type { SecurityOptions } from './security/http-security.ts';
import type { LimitSettings } from './security/limits.ts';
import { VERSION } from './version.ts';

export interface ServerOptions {
  host: string;
  port: number;
  db: string;
  demo: boolean;
  files: readonly string[];
  /** Tetragon gRPC targets to stream GetEvents from. */
  grpc?: readonly string[];
  /** Read export lines from this stream (standard input) until it ends. */
  stdin?: NodeJS.ReadableStream;
  maxBodyBytes: number;
  log: Log;
  webDistDir?: string;
  filePollIntervalMs?: number;
  /** Where demo lines come from; defaults to the bundled simulator. */
  demoLines?: () => Promise<Iterator<string>>;
  /** When a slow socket is told to resync (tests lower it). */
  liveBacklog?: Partial<BacklogLimits>;
  /** What to delete and when (the CLI passes the defaults); absent, nothing is deleted. */
  retention?: RetentionPolicy;
  /** `ingest`: a PostgreSQL replica that only stores and merges (no tree, no leadership). */
  role?: 'all' | 'ingest';
  /** Limits other than maxBodyBytes; the defaults of security/limits.ts for the others. */
  limits?: Partial<LimitSettings>;
  /** The access token; see docs/security.md. */
  security?: SecurityOptions;
  /**
   * Resolve only once the trees are rebuilt from the store (default true, what embedders and
   * tests expect). The server listens and ingests before that either way; `exectree serve`
   * passes false so that a large store does not hold up its `listening on` line.
   */
  waitForRebuild?: boolean;
  /** How long one slice of that rebuild may hold the event loop (tests lower it). */
  rebuildSliceMs?: number;
}

export interface RunningServer {
  /** http://HOST:PORT with the port actually bound. */
  url: string;
  port: number;
  engine: Engine;
  app: App;
  /**
   * Stops accepting (503 to new ingest requests) and stops sources, lets ingest in flight
   * commit, sends the last deltas, closes sockets and the server, then the database.
   */
  close(): Promise<void>;
}

const DEMO_SEED = 1;
/** Demo history starts this far back, so the burst ends around now and the trickle continues it. */
const DEMO_HISTORY_MS = 15 * 60 * 1000;

async function simulatorLines(): Promise<Iterator<string>> {
  const { simulate } = await import('@exectree/simulator');
  return simulate({ seed: DEMO_SEED, startTime: new Date(Date.now() - DEMO_HISTORY_MS) });
}

function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Opens the store, serves HTTP and socket.io, and starts the configured sources. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { log } = options;
  const maxLine = options.limits?.max_line;
  const { engine, cluster } = await openEngineFor({
    db: options.demo ? MEMORY_DB : options.db,
    log,
    ...(options.retention === undefined ? {} : { retention: options.retention }),
    ...(options.role === 'ingest' ? { follow: false } : {}),
    ...(options.rebuildSliceMs === undefined ? {} : { rebuildSliceMs: options.rebuildSliceMs }),
    limits: { ...options.limits, max_body: options.maxBodyBytes },
    // Sources enforce --max-line in bytes; the parser's own limit must not be the smaller one.
    ...(maxLine !== undefined && maxLine > DEFAULT_MAX_LINE_LENGTH
      ? { parse: (line: string) => parseLine(line, { maxLineLength: maxLine }) }
      : {}),
  });
  const maxLineBytes = engine.limits.settings.max_line;
  const sources: Source[] = [];
  let app: App | undefined;
  try {
    const httpSource = engine.sources.add('http', 'http', 'POST /api/v1/events');
    httpSource.connected = true;
    const info = (): InfoResponse => ({
      version: VERSION,
      demo: options.demo,
      sources: engine.sources.list(),
      limits: engine.limits.list(),
      auth: options.security?.token === undefined ? 'none' : 'token',
      rebuild: engine.rebuild.progress(),
    });

    for (const path of options.files) {
      sources.push(
        createFileSource({
          path,
          tracker: engine.sources.add(`file:${path}`, 'file', path),
          pipeline: engine.pipeline,
          cursors: engine.store,
          log,
          maxLineBytes,
          ...(options.filePollIntervalMs === undefined
            ? {}
            : { pollIntervalMs: options.filePollIntervalMs }),
        }),
      );
    }
    if (options.grpc !== undefined && options.grpc.length > 0) {
      // The gRPC client takes a noticeable part of start-up to load: only when asked for.
      const { createGrpcSource } = await import('./ingest/grpc/grpc-source.ts');
      for (const address of options.grpc) {
        sources.push(
          createGrpcSource({
            address,
            tracker: engine.sources.add(`grpc:${address}`, 'grpc', address),
            pipeline: engine.pipeline,
            log,
            maxLineBytes,
          }),
        );
      }
    }
    if (options.stdin) {
      sources.push(
        createStreamSource({
          stream: options.stdin,
          tracker: engine.sources.add('stdin', 'stdin', '-'),
          pipeline: engine.pipeline,
          log,
          maxLineBytes,
        }),
      );
    }
    if (options.demo) {
      sources.push(
        createDemoSource({
          lines: await (options.demoLines ?? simulatorLines)(),
          tracker: engine.sources.add('demo', 'demo', 'simulator'),
          pipeline: engine.pipeline,
          log,
        }),
      );
    }

    app = createApp({
      reader: engine.builder,
      changes: engine.changes,
      search: engine.processes,
      store: engine.store,
      pipeline: engine.pipeline,
      httpSource,
      info,
      log,
      maxBodyBytes: options.maxBodyBytes,
      webDistDir: options.webDistDir ?? DEFAULT_WEB_DIST,
      metrics: engine.metrics,
      limits: engine.limits,
      maxLineBytes,
      rebuild: engine.rebuild,
      ...(options.security === undefined ? {} : { security: options.security }),
      ...(options.liveBacklog === undefined ? {} : { liveBacklog: options.liveBacklog }),
      ...(cluster === undefined ? {} : { adapter: cluster.adapter }),
    });
    cluster?.attach(app.io);
    pauseRebuildWhileServing(app, engine);
    await listen(app, options.host, options.port);
  } catch (error) {
    await app?.close();
    await engine.close();
    throw error;
  }

  const running = app;
  for (const source of sources) source.start();
  if (options.waitForRebuild ?? true) {
    await engine.rebuild.done.catch(() => undefined);
  }
  const address = running.httpServer.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;

  let closing: Promise<void> | undefined;
  return {
    url: formatUrl(options.host, port),
    port,
    engine,
    app: running,
    close() {
      closing ??= (async () => {
        await Promise.all([running.stopIngest(), ...sources.map((source) => source.stop())]);
        await running.close();
        await engine.close();
      })();
      return closing;
    },
  };
}

/** A request this recent counts as part of a page being loaded. */
const SERVING_WINDOW_MS = 250;
/** The pause between two rebuild slices while serving: about half the CPU for the requests. */
const SERVING_PAUSE_MS = 10;

/**
 * Someone opening the page during a rebuild waits for a few dozen requests in a row; each
 * would otherwise wait behind a slice, and the page's own work competes with the rebuild
 * for the CPU. While requests come in, the rebuild leaves a pause between its slices.
 */
function pauseRebuildWhileServing(app: App, engine: Engine): void {
  if (engine.rebuild.progress() === null) return;
  let lastRequestAt = -Infinity;
  const onRequest = () => {
    lastRequestAt = performance.now();
  };
  app.httpServer.on('request', onRequest);
  engine.rebuild.setPause(() =>
    performance.now() - lastRequestAt < SERVING_WINDOW_MS ? SERVING_PAUSE_MS : 0,
  );
  engine.rebuild.onDone(() => app.httpServer.off('request', onRequest));
}

function listen(app: App, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    app.httpServer.once('error', onError);
    app.httpServer.listen(port, host, () => {
      app.httpServer.off('error', onError);
      resolve();
    });
  });
}
