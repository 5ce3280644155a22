import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generateLines } from '@exectree/simulator';
import type { ErrorResponse, Process } from '@exectree/domain';
import type { ProcessSearchResult } from '../src/store/process-store.ts';
import { BASH_EXEC_ID, WHOAMI, WHOAMI_EXEC_ID, fixtureText } from './helpers/fixtures.ts';
import { rowsCaughtUp } from './helpers/in-memory.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { getJson, postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';

const servers: TestServer[] = [];
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  temp?.cleanup();
  temp = undefined;
});

async function start(db?: string): Promise<TestServer> {
  const server = await startTestServer(db === undefined ? {} : { db });
  servers.push(server);
  return server;
}

const search = (server: TestServer, query: string) =>
  getJson<ProcessSearchResult>(server, `/api/v1/search?${query}`);

const ids = (processes: readonly Process[]) => processes.map((p) => p.execId);

describe('GET /api/v1/search', () => {
  it('finds whoami by text, case-insensitively, with its ancestors', async () => {
    const server = await start();
    await postEvents(server, fixtureText(WHOAMI));
    await rowsCaughtUp(server);

    for (const q of ['whoami', 'WHOAMI', 'n/WHO', '--vers']) {
      const { status, body } = await search(server, `q=${encodeURIComponent(q)}`);
      expect(status).toBe(200);
      expect(ids(body.processes)).toEqual([WHOAMI_EXEC_ID]);
      expect(ids(body.ancestors)).toEqual([BASH_EXEC_ID]);
      expect(body).toMatchObject({ total: 1, truncated: false });
    }
    const bash = await search(server, 'binary=bash');
    expect(ids(bash.body.processes)).toEqual([BASH_EXEC_ID]);
    expect(bash.body.ancestors).toEqual([]);
    expect((await search(server, 'q=%25')).body.total).toBe(0);
    expect((await search(server, 'q=_')).body.total).toBe(0);
  });

  it('filters by namespace, pod, binary, state and start time', async () => {
    const server = await start();
    await postEvents(server, fixtureText(WHOAMI));
    await rowsCaughtUp(server);
    const found = async (query: string) => ids((await search(server, query)).body.processes);

    expect(await found('namespace=default&pod=xwing')).toEqual([BASH_EXEC_ID, WHOAMI_EXEC_ID]);
    expect(await found('namespace=kube-system')).toEqual([]);
    expect(await found('pod=xwing&state=exited')).toEqual([WHOAMI_EXEC_ID]);
    expect(await found('state=running')).toEqual([BASH_EXEC_ID]);
    expect(await found('binary=%2Fusr%2Fbin%2Fwhoami')).toEqual([WHOAMI_EXEC_ID]);
    expect(await found('binary=whoami&state=running')).toEqual([]);
    // whoami started 2022-05-11T12:54:45.615Z, bash at 12:15:36.225Z.
    expect(await found('since=2022-05-11T12:54:45.615Z')).toEqual([WHOAMI_EXEC_ID]);
    expect(await found('until=2022-05-11T12:54:45.614999999Z')).toEqual([BASH_EXEC_ID]);
    expect(await found('since=2022-05-11T14:00:00%2B02:00&until=2022-05-11T13:00:00Z')).toEqual([
      BASH_EXEC_ID,
      WHOAMI_EXEC_ID,
    ]);
    expect(await found('q=&namespace=&limit=')).toEqual([BASH_EXEC_ID, WHOAMI_EXEC_ID]);
  });

  it('answers from the stored rows exactly what the tree holds, on simulated clusters', async () => {
    const server = await start();
    const lines = generateLines({ seed: 3, count: 3_000, chaos: true });
    await postEvents(server, lines.join('\n'));
    const all = await rowsCaughtUp(server);
    expect(all.length).toBeGreaterThan(500);

    const pick = all.find((p) => p.pod !== null && p.state === 'exited');
    if (!pick?.pod) throw new Error('the simulated cluster has no exited pod process');
    const { namespace, name } = pick.pod;
    const expected = all.filter(
      (p) => p.pod?.namespace === namespace && p.pod.name === name && p.state === 'exited',
    );
    const page = await search(
      server,
      `namespace=${namespace}&pod=${name}&state=exited&limit=${expected.length}`,
    );
    expect(page.body.processes).toEqual(expected);
    expect(page.body).toMatchObject({ total: expected.length, truncated: false });

    const byId = new Map(all.map((p) => [p.execId, p]));
    const matched = new Set(ids(expected));
    const ancestors = new Set<string>();
    for (const process of expected) {
      const seen = new Set([process.execId]);
      for (let up = byId.get(process.parentExecId ?? ''); up && !seen.has(up.execId);) {
        seen.add(up.execId);
        if (!matched.has(up.execId)) ancestors.add(up.execId);
        up = byId.get(up.parentExecId ?? '');
      }
    }
    expect(ids(page.body.ancestors).sort()).toEqual([...ancestors].sort());
    expect(page.body.ancestors.some((p) => p.group !== pick.group)).toBe(true);

    const binary = pick.binary.slice(pick.binary.lastIndexOf('/') + 1);
    const withBinary = all.filter((p) => p.binary.endsWith(`/${binary}`) || p.binary === binary);
    const two = await search(server, `binary=${encodeURIComponent(binary)}&limit=2`);
    expect(two.body.processes).toEqual(withBinary.slice(0, 2));
    expect(two.body).toMatchObject({
      total: withBinary.length,
      truncated: withBinary.length > 2,
    });

    const text = (await search(server, 'q=NGINX&limit=10000')).body;
    const withText = all.filter((p) =>
      [p.binary, p.arguments, p.cwd].some((field) => field.toLowerCase().includes('nginx')),
    );
    expect(ids(text.processes)).toEqual(ids(withText));
  });

  it('rejects bad parameters with 400 and a message naming them', async () => {
    const server = await start();
    const cases: [string, RegExp][] = [
      ['limit=0', /^limit must be an integer from 1 to 10000$/],
      ['limit=10001', /^limit must be/],
      ['limit=ten', /^limit must be/],
      ['limit=1.5', /^limit must be/],
      ['state=zombie', /^state must be running, exited or replaced$/],
      ['since=yesterday', /^since must be an RFC 3339 time/],
      ['until=2026-13-01', /^until must be an RFC 3339 time/],
      ['since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z', /^since must not be after until$/],
      ['q=a&q=b', /^q must be given once$/],
      ['pod=a&pod=b', /^pod must be given once$/],
      ['pod[x]=1', /^unknown parameter pod\[x\] /],
      ['node=n1', /^unknown parameter node /],
      [`q=${'x'.repeat(1025)}`, /^q must be at most 1024 characters$/],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await getJson<ErrorResponse>(server, `/api/v1/search?${query}`);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(body.error).toMatch(message);
    }
  });
});

describe('process rows across restarts', () => {
  it('keeps the rows, and repairs rows a crash left behind', async () => {
    temp = makeTempDir();
    const db = join(temp.dir, 'rows.db');
    const first = await start(db);
    await postEvents(first, generateLines({ seed: 9, count: 1_500 }).join('\n'));
    await postEvents(first, fixtureText(WHOAMI));
    const before = await rowsCaughtUp(first);
    await first.close();

    const second = await start(db);
    expect(second.logs.some((line) => line.includes('process rows'))).toBe(false);
    expect((await search(second, 'limit=10000')).body.processes).toEqual(before);
    await second.close();

    // As if the server died between committing events and writing their rows.
    const raw = new Database(db);
    // A crash leaves no clean-shutdown mark; the close above did.
    raw.prepare("DELETE FROM store_meta WHERE key = 'clean_shutdown'").run();
    raw.prepare('DELETE FROM processes WHERE exec_id = ?').run(WHOAMI_EXEC_ID);
    raw.prepare(`UPDATE processes SET state = 'running' WHERE state = 'exited'`).run();
    raw
      .prepare(
        `INSERT INTO processes SELECT 'ghost', parent_exec_id, group_key, namespace,
      pod, node, pid, binary, binary_name, arguments, cwd, state, start_key, exit_key, json
      FROM processes LIMIT 1`,
      )
      .run();
    raw.close();

    const third = await start(db);
    expect(third.logs).toContainEqual(expect.stringMatching(/^store: brought \d+ process rows/));
    expect((await search(third, 'limit=10000')).body.processes).toEqual(before);
  });
});
