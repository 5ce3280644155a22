/**
 * Measures what one exectree replica and one PostgreSQL take per event, on this machine and
 * on the loopback only:
 *
 *   node --import tsx apps/server/scripts/pg-capacity.ts [--lines 30000] [--replicas 1,2]
 *     [--db postgres://...]   (default: a throwaway embedded PostgreSQL under the temp dir)
 *
 * For each replica count it starts that many `exectree serve --db URL` processes on a fresh
 * database, plus one observer replica that ingests nothing, POSTs a simulated stream to the
 * ingesting ones round robin (two requests in flight per replica), and reports events/s, the
 * CPU the ingesting replicas, the observer (what following the cluster costs every replica)
 * and PostgreSQL spent per event, how long until every replica showed the whole tree, and
 * the bytes the database grew by.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { generateLines } from '@exectree/simulator';
import { startPostgres, type TestPostgres } from '../test/helpers/postgres.ts';

const BIN = fileURLToPath(new URL('../bin/exectree.js', import.meta.url));
const BATCH = 500;
const IN_FLIGHT_PER_REPLICA = 2;
const TIMEOUT_MS = 10 * 60_000;
const CLOCK_TICKS = 100;

const argsSchema = z.object({
  lines: z.coerce.number().int().min(1_000).max(200_000).default(30_000),
  replicas: z
    .string()
    .default('1,2')
    .transform((text) => text.split(',').map(Number))
    .pipe(z.array(z.number().int().min(1).max(8)).min(1)),
  db: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^@]*@?(127\.0\.0\.1|localhost|\[::1\])[:/]/, {
      error: 'only a PostgreSQL on the loopback',
    })
    .optional(),
});

/** CPU seconds (user + system) of one process, from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds of every process named postgres (the server and its backends). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') {
        total += cpuSeconds(Number(entry));
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

interface Replica {
  child: ChildProcess;
  url: string;
}

function startReplica(db: string): Promise<Replica> {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, EXECTREE_HOST: '127.0.0.1' },
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`replica exited with ${code}: ${stderr}`)));
  });
}

/** POSTs one batch; a replica that is full answers 429 or 503, and the batch is sent again. */
async function post(url: string, lines: readonly string[]): Promise<number> {
  let response: Response;
  for (;;) {
    response = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: lines.join('\n'),
    });
    if (response.status !== 429 && response.status !== 503) break;
    await response.body?.cancel();
    const wait = Number(response.headers.get('retry-after') ?? '0.1') * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.min(Math.max(wait, 50), 2_000)));
  }
  if (response.status !== 200) throw new Error(`POST answered ${response.status}`);
  const body = z.object({ accepted: z.number() }).parse(await response.json());
  return body.accepted;
}

const groupsSchema = z.object({ groups: z.array(z.object({ processes: z.number() })) });

async function processCount(url: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/groups`);
  const body = groupsSchema.parse(await response.json());
  return body.groups.reduce((sum, group) => sum + group.processes, 0);
}

interface Run {
  replicas: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  replicaCpu: number;
  observerCpu: number;
  postgresCpu: number;
  convergedMs: number;
  databaseBytes: number;
}

async function measure(
  base: string,
  admin: pg.Client,
  count: number,
  lines: string[],
): Promise<Run> {
  const name = `exectree_capacity_${count}_${Date.now()}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const db = `${base}/${name}`;
  const replicas: Replica[] = [];
  try {
    for (let i = 0; i < count; i += 1) replicas.push(await startReplica(db));
    const observer = await startReplica(db);
    replicas.push(observer);
    const sizeOf = async () => {
      const client = new pg.Client({ connectionString: db });
      await client.connect();
      const result = await client.query<{ bytes: string }>(
        'SELECT pg_database_size(current_database()) AS bytes',
      );
      await client.end();
      return Number(result.rows[0]?.bytes ?? 0);
    };
    const sizeBefore = await sizeOf();
    const cpuBefore = replicas.map((r) => cpuSeconds(r.child.pid ?? 0));
    const pgBefore = postgresCpuSeconds();
    const started = Date.now();
    let next = 0;
    let accepted = 0;
    const worker = async (replica: Replica) => {
      while (next < lines.length && Date.now() - started < TIMEOUT_MS) {
        const batch = lines.slice(next, next + BATCH);
        next += BATCH;
        const taken = await post(replica.url, batch);
        accepted += taken;
      }
    };
    await Promise.all(
      replicas
        .slice(0, count)
        .flatMap((replica) => Array.from({ length: IN_FLIGHT_PER_REPLICA }, () => worker(replica))),
    );
    const seconds = (Date.now() - started) / 1000;
    // Every replica must show the whole tree: the same, stable, process count everywhere.
    let last = -1;
    for (;;) {
      const counts = await Promise.all(replicas.map((r) => processCount(r.url)));
      if (counts.every((c) => c === counts[0]) && counts[0] === last) break;
      last = counts[0] ?? -1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const convergedMs = Date.now() - started - seconds * 1000;
    const spent = replicas.map((r, i) => cpuSeconds(r.child.pid ?? 0) - (cpuBefore[i] ?? 0));
    const replicaCpu = spent.slice(0, count).reduce((sum, cpu) => sum + cpu, 0);
    return {
      replicas: count,
      events: accepted,
      seconds,
      eventsPerSecond: accepted / seconds,
      replicaCpu,
      observerCpu: spent[count] ?? 0,
      postgresCpu: postgresCpuSeconds() - pgBefore,
      convergedMs,
      databaseBytes: (await sizeOf()) - sizeBefore,
    };
  } finally {
    for (const replica of replicas) replica.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { lines: { type: 'string' }, replicas: { type: 'string' }, db: { type: 'string' } },
  });
  const args = argsSchema.parse(values);
  let embedded: TestPostgres | undefined;
  let base: string;
  if (args.db) {
    base = args.db.replace(/\/[^/]*$/, '');
  } else {
    embedded = await startPostgres({ durable: true });
    base = embedded.url;
  }
  const admin = new pg.Client({ connectionString: `${base}/postgres` });
  await admin.connect();
  const lines = generateLines({ seed: 1, count: args.lines });
  const runs: Run[] = [];
  try {
    for (const count of args.replicas) {
      const run = await measure(base, admin, count, lines);
      runs.push(run);
      process.stderr.write(`${JSON.stringify(run)}\n`);
    }
  } finally {
    await admin.end();
    await embedded?.stop();
  }
  const row = (run: Run) =>
    `| ${run.replicas} | ${run.events} | ${run.eventsPerSecond.toFixed(0)} | ` +
    `${((run.replicaCpu / run.events) * 1e6).toFixed(0)} | ` +
    `${((run.observerCpu / run.events) * 1e6).toFixed(0)} | ` +
    `${((run.postgresCpu / run.events) * 1e6).toFixed(0)} | ${run.convergedMs} | ` +
    `${(run.databaseBytes / run.events).toFixed(0)} |`;
  process.stdout.write(
    [
      '| ingesting replicas | events | events/s (all replicas) | ingesting replicas CPU µs/event | observer replica CPU µs/event | PostgreSQL CPU µs/event | all replicas current after (ms) | database bytes/event |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...runs.map(row),
      '',
    ].join('\n'),
  );
}

await main();
