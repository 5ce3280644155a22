import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type {
  ErrorResponse,
  GroupsResponse,
  InfoResponse,
  MarkersResponse,
  PodsResponse,
  ProcessDetailResponse,
  ProcessesResponse,
  TreeResponse,
} from '@exectree/domain';
import {
  BASH_EXEC_ID,
  TESTDATA,
  THROTTLE,
  WHOAMI,
  WHOAMI_EXEC_ID,
  fixtureLines,
  fixtureText,
} from './helpers/fixtures.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { getJson, postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { findNode } from './helpers/tree.ts';

let server: TestServer | undefined;
const start = async (options?: Parameters<typeof startTestServer>[0]) => {
  server = await startTestServer(options);
  return server;
};

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('POST /api/v1/events then the read routes', () => {
  it('shows the whoami sample as pod default/xwing with bash -> whoami (exited 0)', async () => {
    const s = await start();
    const ingest = await postEvents(s, fixtureText(WHOAMI));
    expect(ingest).toEqual({ status: 200, body: { accepted: 2, rejected: 0, errors: [] } });

    const pods = await getJson<PodsResponse>(s, '/api/v1/pods');
    expect(pods.status).toBe(200);
    expect(pods.body.pods).toEqual([
      expect.objectContaining({
        key: 'pod/default/xwing',
        namespace: 'default',
        name: 'xwing',
        node: 'kind-control-plane',
      }),
    ]);

    const tree = await getJson<TreeResponse>(s, '/api/v1/pods/default/xwing/tree');
    expect(tree.status).toBe(200);
    const bash = findNode(tree.body.roots, (node) => node.binary === '/bin/bash');
    expect(bash?.execId).toBe(BASH_EXEC_ID);
    expect(bash?.children).toEqual([
      expect.objectContaining({
        execId: WHOAMI_EXEC_ID,
        binary: '/usr/bin/whoami',
        state: 'exited',
        status: 0,
      }),
    ]);
    expect(tree.body.markers).toEqual([]);
  });

  it('serves a process with its ancestors, children and raw events in time order', async () => {
    const s = await start();
    await postEvents(s, fixtureText(WHOAMI));

    const whoami = await getJson<ProcessDetailResponse>(
      s,
      `/api/v1/processes/${encodeURIComponent(WHOAMI_EXEC_ID)}`,
    );
    expect(whoami.status).toBe(200);
    expect(whoami.body.process).toMatchObject({ binary: '/usr/bin/whoami', state: 'exited' });
    expect(whoami.body.ancestors[0]).toMatchObject({ execId: BASH_EXEC_ID, binary: '/bin/bash' });
    expect(whoami.body.children).toEqual([]);
    expect(whoami.body.events).toEqual(fixtureLines(WHOAMI).map((line) => JSON.parse(line)));

    const bash = await getJson<ProcessDetailResponse>(
      s,
      `/api/v1/processes/${encodeURIComponent(BASH_EXEC_ID)}`,
    );
    expect(bash.status).toBe(200);
    expect(bash.body.children.map((child) => child.execId)).toEqual([WHOAMI_EXEC_ID]);
    // bash only appears as a parent: no event has it as its own process.
    expect(bash.body.events).toEqual([]);
  });

  it('pages processes with limit and an opaque cursor', async () => {
    const s = await start();
    await postEvents(s, fixtureText(WHOAMI));

    const all = await getJson<ProcessesResponse>(s, '/api/v1/pods/default/xwing/processes');
    expect(all.status).toBe(200);
    expect(all.body.processes.map((p) => p.execId).sort()).toEqual(
      [BASH_EXEC_ID, WHOAMI_EXEC_ID].sort(),
    );
    expect(all.body.nextCursor).toBeNull();

    const first = await getJson<ProcessesResponse>(
      s,
      '/api/v1/pods/default/xwing/processes?limit=1',
    );
    expect(first.body.processes).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const cursor = encodeURIComponent(first.body.nextCursor ?? '');
    const second = await getJson<ProcessesResponse>(
      s,
      `/api/v1/pods/default/xwing/processes?limit=1&cursor=${cursor}`,
    );
    expect(second.body.processes).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.processes, ...second.body.processes]).toEqual(all.body.processes);
  });

  it('answers every listed group on its pod, host or container routes', async () => {
    const s = await start();
    await postEvents(s, fixtureText(TESTDATA));
    const groups = await getJson<GroupsResponse>(s, '/api/v1/groups');
    expect(groups.body.groups.map((g) => g.kind)).toEqual(expect.arrayContaining(['pod', 'host']));
    for (const group of groups.body.groups) {
      const base =
        group.kind === 'pod'
          ? `/api/v1/pods/${group.namespace}/${group.name}`
          : `/api/v1/${group.kind === 'host' ? 'hosts' : 'containers'}/${encodeURIComponent(group.name)}`;
      const tree = await getJson<TreeResponse>(s, `${base}/tree`);
      expect(tree.status, base).toBe(200);
      expect(tree.body.roots.length).toBeGreaterThan(0);
      const list = await getJson<ProcessesResponse>(s, `${base}/processes`);
      expect(list.body.processes).toHaveLength(group.processes);
    }
    const pods = await getJson<PodsResponse>(s, '/api/v1/pods');
    expect(pods.body.pods.map((p) => p.key).sort()).toEqual(
      groups.body.groups
        .filter((g) => g.kind === 'pod')
        .map((g) => g.key)
        .sort(),
    );
  });

  it('lists loss markers, and a tree shows the markers of its node', async () => {
    const s = await start();
    await postEvents(s, fixtureText(THROTTLE));
    const markers = await getJson<MarkersResponse>(s, '/api/v1/markers');
    expect(markers.body.markers.map((m) => m.throttleType)).toEqual([
      'THROTTLE_START',
      'THROTTLE_STOP',
    ]);
    expect(markers.body.markers.every((m) => m.node === 'ubuntu-22')).toBe(true);

    await postEvents(s, fixtureText(WHOAMI));
    const xwing = await getJson<TreeResponse>(s, '/api/v1/pods/default/xwing/tree');
    expect(xwing.body.markers).toEqual([]);
  });
});

describe('ingest errors and limits', () => {
  it('rejects a malformed line with its line number and ingests the others', async () => {
    const s = await start();
    const [exec, exit] = fixtureLines(WHOAMI);
    const body = `${exec}\n{"process_exec": nope\n\n${exit}\n`;
    const result = await postEvents(s, body);
    expect(result.status).toBe(200);
    expect(result.body.accepted).toBe(2);
    expect(result.body.rejected).toBe(1);
    expect(result.body.errors).toEqual([{ line: 2, error: expect.any(String) }]);
    expect(s.logs).toContainEqual(expect.stringMatching(/^http: line 2: /));

    const tree = await getJson<TreeResponse>(s, '/api/v1/pods/default/xwing/tree');
    expect(findNode(tree.body.roots, (n) => n.execId === WHOAMI_EXEC_ID)?.state).toBe('exited');
  });

  it('lists at most 100 errors but counts them all', async () => {
    const s = await start();
    const body = Array.from({ length: 150 }, (_, i) => `not json ${i}`).join('\n');
    const result = await postEvents(s, body, 'text/plain');
    expect(result.body.rejected).toBe(150);
    expect(result.body.errors).toHaveLength(100);
    expect(result.body.errors[99]?.line).toBe(100);
  });

  it('accepts a duplicate POST but changes nothing', async () => {
    const s = await start();
    await postEvents(s, fixtureText(WHOAMI));
    const groups = await getJson<GroupsResponse>(s, '/api/v1/groups');
    const tree = await getJson<TreeResponse>(s, '/api/v1/pods/default/xwing/tree');

    const again = await postEvents(s, fixtureText(WHOAMI), 'application/json');
    expect(again.body).toEqual({ accepted: 2, rejected: 0, errors: [] });
    expect(s.engine.store.count()).toBe(2);
    expect(await getJson(s, '/api/v1/groups')).toEqual(groups);
    expect(await getJson(s, '/api/v1/pods/default/xwing/tree')).toEqual(tree);
    const detail = await getJson<ProcessDetailResponse>(
      s,
      `/api/v1/processes/${encodeURIComponent(WHOAMI_EXEC_ID)}`,
    );
    expect(detail.body.events).toHaveLength(2);
  });

  it('answers 413 with a JSON error for too large a body', async () => {
    const s = await start({ maxBodyBytes: 1024 });
    const result = await postEvents<ErrorResponse>(s, 'x'.repeat(4096));
    expect(result.status).toBe(413);
    expect(result.body.error).toMatch(/larger than the limit of 1024 bytes/);
    expect(s.engine.store.count()).toBe(0);
  });

  it('answers 415 for a body that is not text', async () => {
    const s = await start();
    const result = await postEvents<ErrorResponse>(
      s,
      fixtureText(WHOAMI),
      'application/octet-stream',
    );
    expect(result.status).toBe(415);
    expect(result.body.error).toMatch(/application\/x-ndjson/);
  });
});

describe('request validation and errors', () => {
  it('answers 400 for a bad limit or cursor', async () => {
    const s = await start();
    await postEvents(s, fixtureText(WHOAMI));
    for (const query of ['limit=0', 'limit=abc', 'limit=100001', 'limit=1&limit=2']) {
      const result = await getJson<ErrorResponse>(
        s,
        `/api/v1/pods/default/xwing/processes?${query}`,
      );
      expect(result.status, query).toBe(400);
      expect(result.body.error).toMatch(/limit/);
    }
    const bad = await getJson<ErrorResponse>(s, '/api/v1/pods/default/xwing/processes?cursor=zzz');
    expect(bad).toEqual({ status: 400, body: { error: 'invalid cursor' } });
  });

  it('answers 404 JSON for unknown pods, processes and routes', async () => {
    const s = await start();
    for (const path of [
      '/api/v1/pods/default/nope/tree',
      '/api/v1/pods/default/nope/processes',
      '/api/v1/hosts/nope/tree',
      '/api/v1/containers/nope/tree',
      '/api/v1/processes/bm9wZQ%3D%3D',
      '/api/v1/nothing-here',
      '/api/v2/pods',
    ]) {
      const result = await getJson<ErrorResponse>(s, path);
      expect(result.status, path).toBe(404);
      expect(result.body.error, path).toEqual(expect.any(String));
    }
  });

  it('reports health, info and sources', async () => {
    const s = await start();
    await postEvents(s, `${fixtureText(WHOAMI)}\nbroken\n`);
    expect(await getJson(s, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    const info = await getJson<InfoResponse>(s, '/api/v1/info');
    expect(info.body).toEqual({
      version: expect.any(String),
      demo: false,
      sources: [
        {
          id: 'http',
          kind: 'http',
          target: 'POST /api/v1/events',
          connected: true,
          linesRead: 4,
          accepted: 2,
          rejected: 1,
          lastError: null,
        },
      ],
      limits: expect.arrayContaining([
        { name: 'max_body', limit: 16 * 1024 * 1024, unit: 'bytes', hits: 0 },
      ]),
      auth: 'none',
      rebuild: null,
    });
  });
});

describe('the web app', () => {
  it('says how to build the web app when dist is missing', async () => {
    const s = await start();
    const response = await fetch(`${s.url}/`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    expect(await response.text()).toMatch(/npm run build:web/);
  });

  it('serves dist with a fallback to index.html for client routes, not for the API', async () => {
    const { dir: dist, cleanup } = makeTempDir();
    onTestFinished(cleanup);
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>exectree</title>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1);');
    const web = await start({ webDistDir: dist });

    const index = await fetch(`${web.url}/`);
    expect(await index.text()).toMatch(/<title>exectree/);
    const asset = await fetch(`${web.url}/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const route = await fetch(`${web.url}/pods/default/xwing`);
    expect(route.status).toBe(200);
    expect(await route.text()).toMatch(/<title>exectree/);
    const api = await getJson<ErrorResponse>(web, '/api/v1/unknown');
    expect(api.status).toBe(404);
  });
});
