import { join } from 'node:path';
import type { IngestResponse } from '@exectree/domain';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server.ts';
import { makeTempDir } from './temp-dir.ts';

export interface TestServer extends RunningServer {
  logs: string[];
  dir: string;
  dbPath: string;
  /** Closes the server and removes its temp directory. */
  stop(): Promise<void>;
}

/** A real server on 127.0.0.1, any free port, with a temp SQLite file and no demo. */
export async function startTestServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const temp = makeTempDir();
  const logs: string[] = [];
  const dbPath = options.db ?? join(temp.dir, 'events.db');
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    demo: false,
    files: [],
    maxBodyBytes: 16 * 1024 * 1024,
    webDistDir: join(temp.dir, 'no-web-dist'),
    ...options,
    db: dbPath,
    log: (line) => logs.push(line),
  });
  return {
    ...server,
    logs,
    dir: temp.dir,
    dbPath,
    async stop() {
      await server.close();
      temp.cleanup();
    },
  };
}

/** Test-only: the body is cast to the DTO the route documents; assertions check the shape. */
export async function postEvents<T = IngestResponse>(
  server: RunningServer,
  body: string,
  contentType = 'application/x-ndjson',
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: response.status, body: (await response.json()) as T };
}

export async function getJson<T>(
  server: RunningServer,
  path: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: (await response.json()) as T };
}
