import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { GroupsResponse, ProcessDetailResponse, TreeResponse } from '@exectree/domain';
import { THROTTLE, WHOAMI, WHOAMI_EXEC_ID, fixtureText } from './helpers/fixtures.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { getJson, postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';

const servers: TestServer[] = [];
let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  temp.cleanup();
});

async function snapshot(server: TestServer) {
  return {
    groups: await getJson<GroupsResponse>(server, '/api/v1/groups'),
    tree: await getJson<TreeResponse>(server, '/api/v1/pods/default/xwing/tree'),
    markers: await getJson(server, '/api/v1/markers'),
    detail: await getJson<ProcessDetailResponse>(
      server,
      `/api/v1/processes/${encodeURIComponent(WHOAMI_EXEC_ID)}`,
    ),
  };
}

describe('restart on the same database', () => {
  it('rebuilds the same trees from the stored events', async () => {
    const db = join(temp.dir, 'nested', 'dir', 'exectree.db');
    const first = await startTestServer({ db });
    servers.push(first);
    await postEvents(first, fixtureText(WHOAMI));
    await postEvents(first, fixtureText(THROTTLE));
    const before = await snapshot(first);
    expect(before.tree.body.roots.length).toBeGreaterThan(0);
    await first.close();

    const second = await startTestServer({ db });
    servers.push(second);
    expect(second.logs).toContain('store: replayed 4 events');
    const after = await snapshot(second);
    expect(after).toEqual(before);

    const again = await postEvents(second, fixtureText(WHOAMI));
    expect(again.body.accepted).toBe(2);
    expect(second.engine.store.count()).toBe(4);
  });
});
