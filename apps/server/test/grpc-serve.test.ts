import { afterEach, describe, expect, it } from 'vitest';
import type { GroupsResponse, InfoResponse } from '@exectree/domain';
import { exportJsonToMessage } from '../src/ingest/grpc/test-support/export-json-to-message.ts';
import {
  startFakeTetragon,
  type FakeTetragon,
} from '../src/ingest/grpc/test-support/fake-tetragon.ts';
import { loadTetragonProto, RESPONSE_TYPE } from '../src/ingest/grpc/tetragon-proto.ts';
import { fixtureLines, WHOAMI } from './helpers/fixtures.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

const proto = loadTetragonProto();
let agent: FakeTetragon | undefined;
let server: TestServer | undefined;

afterEach(async () => {
  await server?.stop();
  await agent?.stop();
  server = undefined;
  agent = undefined;
});

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`${server?.url}${path}`);
  return (await response.json()) as T;
}

describe('serve --grpc', () => {
  it('builds the tree from events streamed by the Tetragon gRPC API and reports the source', async () => {
    agent = await startFakeTetragon(proto, '127.0.0.1:0');
    server = await startTestServer({ grpc: [agent.target] });
    await waitFor('the GetEvents call', () => agent?.active === 1);
    for (const line of fixtureLines(WHOAMI)) {
      agent.send(exportJsonToMessage(proto.schema, RESPONSE_TYPE, JSON.parse(line)).message);
    }
    await waitFor('default/xwing with one exited process', async () => {
      const { groups } = await getJson<GroupsResponse>('/api/v1/groups');
      return groups.some((g) => g.key === 'pod/default/xwing' && g.exited === 1);
    });
    const info = await getJson<InfoResponse>('/api/v1/info');
    expect(info.sources.find((s) => s.kind === 'grpc')).toMatchObject({
      target: agent.target,
      connected: true,
      linesRead: 2,
      accepted: 2,
      rejected: 0,
    });
  });
});
