import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { PassThrough } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestResponse, ProcessesResponse, SourceStatus } from '@exectree/domain';
import {
  HOSTILE_POD,
  interleaved,
  validLine,
  joinLines,
  sample,
  type HostileLine,
} from './helpers/hostile-lines.ts';
import { exportJsonToMessage } from '../src/ingest/grpc/test-support/export-json-to-message.ts';
import { startFakeTetragon } from '../src/ingest/grpc/test-support/fake-tetragon.ts';
import { loadTetragonProto, RESPONSE_TYPE } from '../src/ingest/grpc/tetragon-proto.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { getJson, postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

const servers: TestServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

async function start(options: Parameters<typeof startTestServer>[0] = {}) {
  const server = await startTestServer(options);
  servers.push(server);
  return server;
}

const source = (server: TestServer, id: string): SourceStatus | undefined =>
  server.engine.sources.list().find((s) => s.id === id);

/** Every bad line was logged as "SOURCE: line N: REASON", with its own number. */
function expectLoggedRejections(server: TestServer, id: string, bad: Map<number, HostileLine>) {
  for (const [lineNo, hostile] of bad) {
    const prefix = `${id}: line ${lineNo}: `;
    const logged = server.logs.find((line) => line.startsWith(prefix));
    expect(logged, `${hostile.name} at line ${lineNo}`).toBeDefined();
    expect(logged?.slice(prefix.length), hostile.name).toMatch(hostile.reason);
  }
}

/** The valid lines all made it into the tree, and the rejections were counted by kind. */
async function expectStreamWentOn(server: TestServer, id: string, valid: readonly number[]) {
  const { body } = await getJson<ProcessesResponse>(
    server,
    `/api/v1/pods/${HOSTILE_POD.namespace}/${HOSTILE_POD.name}/processes`,
  );
  expect(body.processes.map((p) => p.pid).sort()).toEqual([...valid].sort());
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const rejected = (kind: string) =>
    sample(metrics, `exectree_lines_rejected_total{source="${id}",kind="${kind}"}`);
  expect([rejected('too_long'), rejected('invalid_utf8'), rejected('too_deep')]).toEqual([1, 1, 1]);
  expect(rejected('malformed')).toBe(6);
  expect(sample(metrics, `exectree_events_rejected_total{source="${id}"}`)).toBe(9);
  expect(sample(metrics, 'exectree_limit_hits_total{limit="max_line"}')).toBe(1);
}

describe('hostile input is rejected line by line, and the stream goes on', () => {
  it('POST /api/v1/events: each bad line is listed with its number and reason', async () => {
    const server = await start();
    const { lines, valid, bad } = interleaved();
    const response = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: joinLines(lines),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as IngestResponse;
    expect(body.accepted).toBe(valid.length);
    expect(body.rejected).toBe(bad.size);
    expect(body.errors.map((e) => e.line)).toEqual([...bad.keys()]);
    for (const error of body.errors)
      expect(error.error).toMatch(bad.get(error.line)?.reason ?? /-/);
    expectLoggedRejections(server, 'http', bad);
    await expectStreamWentOn(server, 'http', valid);
  });

  it('--file: the same lines in a followed file', async () => {
    const { lines, valid, bad } = interleaved();
    const temp = makeTempDir();
    onTestFinished(temp.cleanup);
    const path = join(temp.dir, 'hostile.log');
    writeFileSync(path, joinLines(lines));
    const server = await start({ files: [path], filePollIntervalMs: 20 });
    const id = `file:${path}`;
    await waitFor('every line read', () => source(server, id)?.linesRead === lines.length);
    expect(source(server, id)).toMatchObject({ accepted: valid.length, rejected: bad.size });
    expectLoggedRejections(server, id, bad);
    await expectStreamWentOn(server, id, valid);
  });

  it('--stdin: the same lines through a pipe, in pipe-sized chunks', async () => {
    const { lines, valid, bad } = interleaved();
    const stdin = new PassThrough();
    const server = await start({ stdin });
    const bytes = joinLines(lines);
    for (let at = 0; at < bytes.length; at += 64 * 1024) {
      if (!stdin.write(bytes.subarray(at, at + 64 * 1024))) {
        await new Promise((resolve) => stdin.once('drain', resolve));
      }
    }
    stdin.end();
    await waitFor('the end of input', () => server.logs.includes('stdin: end of input'));
    expect(source(server, 'stdin')).toMatchObject({
      linesRead: lines.length,
      accepted: valid.length,
      rejected: bad.size,
    });
    expectLoggedRejections(server, 'stdin', bad);
    await expectStreamWentOn(server, 'stdin', valid);
  });

  it('a body in another charset is refused whole, with 415', async () => {
    const server = await start();
    const result = await postEvents(server, 'x\n', 'text/plain; charset=latin1');
    expect(result).toEqual({
      status: 415,
      body: { error: 'unsupported charset "latin1"; send UTF-8' },
    });
  });
});

describe('--grpc: a message that cannot be used is one rejected line', () => {
  it('rejects undecodable, oversized and non-UTF-8 messages by number, and goes on', async () => {
    const proto = loadTetragonProto();
    const agent = await startFakeTetragon(proto, '127.0.0.1:0');
    onTestFinished(() => agent.stop());
    const server = await start({ grpc: [agent.target], limits: { max_line: 64 * 1024 } });
    const id = `grpc:${agent.target}`;
    await waitFor('the GetEvents call', () => agent.active === 1);
    const message = (line: string) =>
      exportJsonToMessage(proto.schema, RESPONSE_TYPE, JSON.parse(line)).message;
    const encoded = proto.getEvents.responseSerialize(message(validLine(9100)));
    const binary = encoded.indexOf('/bin/sh');
    expect(binary).toBeGreaterThan(0);
    const notUtf8 = Buffer.from(encoded);
    notUtf8[binary + 1] = 0xff;
    const huge = validLine(9101).replace('"arguments":""', `"arguments":"${'A'.repeat(100_000)}"`);

    agent.send(message(validLine(200)));
    agent.sendRaw(notUtf8);
    agent.sendRaw(Buffer.from([0x0a, 0xff]));
    agent.send(message(huge));
    agent.send({});
    agent.send(message(validLine(201)));
    await waitFor('six messages', () => source(server, id)?.linesRead === 6);

    expect(source(server, id)).toMatchObject({ accepted: 2, rejected: 4 });
    const reasons = new Map<number, RegExp>([
      [2, /^invalid UTF-8 in tetragon\.GetEventsResponse\.process_exec\.process\.binary$/],
      [3, /^cannot decode the message: /],
      [4, /^line too long \(limit 65536 bytes\)$/],
      [5, /^no event key/],
    ]);
    for (const [lineNo, reason] of reasons) {
      const logged = server.logs.find((line) => line.startsWith(`${id}: line ${lineNo}: `));
      expect(logged?.slice(`${id}: line ${lineNo}: `.length)).toMatch(reason);
    }
    const { body } = await getJson<ProcessesResponse>(
      server,
      '/api/v1/pods/hostile/input/processes',
    );
    expect(body.processes.map((p) => p.pid).sort()).toEqual([200, 201]);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(
      sample(metrics, `exectree_lines_rejected_total{source="${id}",kind="invalid_utf8"}`),
    ).toBe(1);
    expect(sample(metrics, 'exectree_limit_hits_total{limit="max_line"}')).toBe(1);
  });
});
