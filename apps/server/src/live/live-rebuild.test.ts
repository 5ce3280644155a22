import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { GroupsSnapshot, InfoResponse } from '@exectree/domain';
import { generateLines } from '@exectree/simulator';
import { openEngine } from '../engine.ts';
import { findMessage, openLiveClient, type Received } from '../../test/helpers/live-client.ts';
import { makeTempDir } from '../../test/helpers/temp-dir.ts';
import {
  getJson,
  postEvents,
  startTestServer,
  type TestServer,
} from '../../test/helpers/test-server.ts';
import { waitFor } from '../../test/helpers/wait-for.ts';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function seeded(lines: readonly string[]): Promise<string> {
  const temp = makeTempDir();
  cleanups.push(temp.cleanup);
  const db = join(temp.dir, 'events.db');
  const engine = openEngine({ db, log: () => undefined });
  const source = engine.sources.add('seed', 'http', 'seed');
  engine.pipeline.ingest(
    source,
    lines.map((text, index) => ({ text, lineNo: index + 1 })),
  );
  await engine.close();
  return db;
}

async function info(server: TestServer): Promise<InfoResponse> {
  return (await getJson<InfoResponse>(server, '/api/v1/info')).body;
}

describe('a socket connected while the trees are rebuilt', () => {
  it('gets no deltas of the replay, then sync:required "rebuilt" and the full trees', async () => {
    const lines = generateLines({ seed: 11, count: 11_000 });
    const db = await seeded(lines.slice(0, 10_000));
    const server = await startTestServer({ db, waitForRebuild: false, rebuildSliceMs: 1 });
    cleanups.push(() => server.stop());
    expect((await info(server)).rebuild).toEqual({ replayed: expect.any(Number), total: 10_000 });

    const { client, received } = openLiveClient(server.url);
    cleanups.push(() => void client.close());
    await waitFor('the first snapshot', () => findMessage(received, 'groups:snapshot'));
    const posted = await postEvents(server, lines.slice(10_000).join('\n'));
    expect(posted.status).toBe(200);
    expect((await info(server)).rebuild).not.toBeNull();

    await waitFor('sync:required', () => findMessage(received, 'sync:required'), {
      timeoutMs: 60_000,
    });
    const notice = received.findIndex((m: Received) => m.event === 'sync:required');
    expect(received[notice]?.payload).toMatchObject({ reason: 'rebuilt' });
    expect(received.slice(0, notice).filter((m) => m.event.endsWith(':delta'))).toEqual([]);
    expect((await info(server)).rebuild).toBeNull();

    const before = received.length;
    client.emit('sync:request', () => undefined);
    const fresh = await waitFor('fresh snapshot', () =>
      findMessage(received, 'groups:snapshot', before),
    );
    expect((fresh.payload as unknown as GroupsSnapshot).groups).toEqual(
      server.engine.builder.groups(),
    );
  }, 120_000);
});
