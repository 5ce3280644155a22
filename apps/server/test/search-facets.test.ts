import { afterEach, describe, expect, it } from 'vitest';
import { generateLines } from '@exectree/simulator';
import { timeKey, type ErrorResponse, type Process } from '@exectree/domain';
import type { ProcessSearchResult } from '../src/store/process-store.ts';
import { rowsCaughtUp } from './helpers/in-memory.ts';
import { getJson, postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';

const servers: TestServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const search = (server: TestServer, query: string) =>
  getJson<ProcessSearchResult>(server, `/api/v1/search?${query}`);

const ids = (processes: readonly Process[]) => processes.map((p) => p.execId);

/** The documented rule, written independently of the SQL: alive at some instant of [from, to]. */
function aliveIn(p: Process, from: string, to: string, byId: Map<string, Process>): boolean {
  const start = timeKey(p.startTime);
  if (start !== '' && start > timeKey(to)) return false;
  if (p.state === 'running') return true;
  let end = timeKey(p.exitTime);
  if (end === '' && p.state === 'replaced' && p.replacedBy !== null) {
    end = timeKey(byId.get(p.replacedBy)?.startTime);
  }
  if (end === '') end = start;
  return end === '' || end >= timeKey(from);
}

describe('GET /api/v1/search facets', () => {
  it('filters by flagged and by a time range the process was alive in', async () => {
    const server = await startTestServer();
    servers.push(server);
    const startTime = new Date('2026-03-01T10:00:00Z');
    await postEvents(server, generateLines({ seed: 7, count: 2_500, startTime }).join('\n'));
    const all = await rowsCaughtUp(server);
    const byId = new Map(all.map((p) => [p.execId, p]));

    const flagged = all.filter((p) => p.findings.length > 0);
    expect(flagged.length).toBeGreaterThan(0);
    expect(ids((await search(server, 'flagged=true&limit=10000')).body.processes)).toEqual(
      ids(flagged),
    );
    expect((await search(server, 'flagged=false&limit=10000')).body.total).toBe(
      all.length - flagged.length,
    );

    const starts = all.map((p) => timeKey(p.startTime)).filter((k) => k !== '');
    const middle = all.find((p) => p.state === 'exited' && p.exitTime !== null);
    if (!middle?.startTime || !middle.exitTime) throw new Error('no exited process');
    const from = middle.exitTime;
    const to = new Date(Date.parse(from) + 20_000).toISOString();
    const alive = all.filter((p) => aliveIn(p, from, to, byId));
    // The range must cut: some processes ended before it and some started after it.
    expect(alive.length).toBeGreaterThan(0);
    expect(alive.length).toBeLessThan(all.length);
    expect(starts.some((k) => k > timeKey(to))).toBe(true);

    const range = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const found = await search(server, `${range}&limit=10000`);
    expect(found.status).toBe(200);
    expect(ids(found.body.processes)).toEqual(ids(alive));

    const both = await search(server, `${range}&flagged=true&limit=10000`);
    expect(ids(both.body.processes)).toEqual(ids(alive.filter((p) => p.findings.length > 0)));
  });

  it('rejects bad facet values with 400 and a message naming them', async () => {
    const server = await startTestServer();
    servers.push(server);
    const cases: [string, RegExp][] = [
      ['flagged=yes', /^flagged must be true or false$/],
      ['flagged=true&flagged=false', /^flagged must be true or false$/],
      ['from=yesterday', /^from must be an RFC 3339 time/],
      ['to=2026-13-01', /^to must be an RFC 3339 time/],
      ['from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', /^from must not be after to$/],
      ['alive=1', /^unknown parameter alive \(expected .*flagged.*from, to/],
    ];
    for (const [query, message] of cases) {
      const { status, body } = await getJson<ErrorResponse>(server, `/api/v1/search?${query}`);
      expect({ query, status }).toEqual({ query, status: 400 });
      expect(body.error).toMatch(message);
    }
    expect((await search(server, 'flagged=&from=&to=')).status).toBe(200);
  });
});
