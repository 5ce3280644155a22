import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLine } from '@exectree/domain';
import { fixtureLines, WHOAMI } from '../../../test/helpers/fixtures.ts';
import { makeTempDir } from '../../../test/helpers/temp-dir.ts';
import { waitFor } from '../../../test/helpers/wait-for.ts';
import type { Source } from '../source.ts';
import { SourceTracker } from '../source-status.ts';
import { createGrpcSource } from './grpc-source.ts';
import { exportJsonToMessage } from './test-support/export-json-to-message.ts';
import { startFakeTetragon, type FakeTetragon } from './test-support/fake-tetragon.ts';
import { recordingPipeline } from './test-support/recording-pipeline.ts';
import { loadTetragonProto, RESPONSE_TYPE } from './tetragon-proto.ts';

const KPROBES = 'docs-kprobe-events.jsonl';
const proto = loadTetragonProto();

let temp: ReturnType<typeof makeTempDir>;
const servers: FakeTetragon[] = [];
const sources: Source[] = [];

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(async () => {
  await Promise.all(sources.splice(0).map((source) => source.stop()));
  await Promise.all(servers.splice(0).map((server) => server.stop()));
  temp.cleanup();
});

async function agent(address: string): Promise<FakeTetragon> {
  const server = await startFakeTetragon(proto, address);
  servers.push(server);
  return server;
}

function grpcSource(target: string) {
  const tracker = new SourceTracker(`grpc:${target}`, 'grpc', target);
  const pipeline = recordingPipeline();
  const logs: string[] = [];
  const source = createGrpcSource({
    address: target,
    tracker,
    pipeline,
    log: (line) => logs.push(line),
    proto,
    backoff: { initialMs: 20, maxMs: 100 },
  });
  sources.push(source);
  source.start();
  return { tracker, pipeline, logs, source };
}

/** What the agent sends for one export line. */
function messageFor(line: string): object {
  const { message, dropped } = exportJsonToMessage(proto.schema, RESPONSE_TYPE, JSON.parse(line));
  expect(dropped).toEqual([]);
  return message;
}

const received = (pipeline: ReturnType<typeof recordingPipeline>) =>
  pipeline.lines.map((line): unknown => JSON.parse(line.text));

const transports: [string, () => string][] = [
  ['loopback TCP', () => '127.0.0.1:0'],
  ['a unix socket', () => `unix://${join(temp.dir, 'tetragon.sock')}`],
];

describe.each(transports)('gRPC source over %s', (_name, address) => {
  it('turns every streamed event into the line the JSON exporter writes', async () => {
    const server = await agent(address());
    const { tracker, pipeline } = grpcSource(server.target);
    await waitFor('the GetEvents call', () => server.active === 1);
    await waitFor('connected', () => tracker.connected);
    expect(server.requests).toEqual([{}]);

    const lines = [...fixtureLines(WHOAMI), ...fixtureLines(KPROBES)];
    for (const line of lines) server.send(messageFor(line));
    await waitFor('every event', () => pipeline.lines.length === lines.length);

    expect(received(pipeline)).toEqual(lines.map((line): unknown => JSON.parse(line)));
    for (const line of pipeline.lines) expect(parseLine(line.text).kind).toBe('event');
    expect(pipeline.lines.map((line) => line.lineNo)).toEqual(lines.map((_, i) => i + 1));
    expect(tracker.snapshot()).toMatchObject({
      connected: true,
      linesRead: lines.length,
      rejected: 0,
      lastError: null,
    });
  });
});

describe('gRPC source', () => {
  it('writes the fields the tree builder reads, event key first', async () => {
    const server = await agent('127.0.0.1:0');
    const { pipeline } = grpcSource(server.target);
    await waitFor('the GetEvents call', () => server.active === 1);
    const [exec, exit] = fixtureLines(WHOAMI);
    const [kprobe] = fixtureLines(KPROBES);
    for (const line of [exec, exit, kprobe]) server.send(messageFor(line ?? ''));
    await waitFor('three events', () => pipeline.lines.length === 3);

    const [execJson, exitJson, kprobeJson] = pipeline.lines.map((line) => line.text);
    expect(Object.keys(JSON.parse(execJson ?? '{}'))).toEqual([
      'process_exec',
      'node_name',
      'time',
    ]);
    expect(JSON.parse(execJson ?? '{}')).toMatchObject({
      process_exec: {
        process: {
          exec_id: 'a2luZC1jb250cm9sLXBsYW5lOjExNDI4NjE1NjM2OTAxOjUxNTgz',
          parent_exec_id: 'a2luZC1jb250cm9sLXBsYW5lOjkwNzkyMjU2MjMyNjk6NDM4NzI=',
          pid: 51583,
          uid: 0,
          cwd: '/',
          binary: '/usr/bin/whoami',
          arguments: '--version',
          flags: 'execve rootcwd clone',
          start_time: '2022-05-11T12:54:45.615Z',
          auid: 4294967295,
          docker: '1fb931d2f6e5e4cfdbaf30fdb8e2fdd',
          pod: {
            namespace: 'default',
            name: 'xwing',
            container: {
              id: 'containerd://1fb931d2f6e5e4cfdbaf30fdb8e2fdd81320bdb3047ded50120a4f82838209ce',
              name: 'spaceship',
              image: { name: 'docker.io/tgraf/netperf:latest' },
              start_time: '2022-05-11T10:07:33Z',
              pid: 50,
            },
          },
        },
        parent: { binary: '/bin/bash', pid: 43872 },
      },
      node_name: 'kind-control-plane',
      time: '2022-05-11T12:54:45.615Z',
    });
    // A clean exit has neither status nor signal, as in the export.
    const exitEvent = JSON.parse(exitJson ?? '{}') as { process_exit: object };
    expect(exitEvent.process_exit).not.toHaveProperty('status');
    expect(exitEvent.process_exit).not.toHaveProperty('signal');
    expect(JSON.parse(kprobeJson ?? '{}')).toMatchObject({
      process_kprobe: {
        function_name: 'security_file_permission',
        policy_name: 'file-monitoring',
        args: [{ file_arg: { path: '/etc/passwd' } }, { int_arg: 2 }],
        return: { int_arg: 0 },
      },
      time: '2024-04-14T02:18:14.376304204Z',
    });
  });

  it('reports an agent that dies, reconnects when it is back, and stop() ends it', async () => {
    const first = await agent('127.0.0.1:0');
    const { tracker, pipeline, logs, source } = grpcSource(first.target);
    const [exec, exit] = fixtureLines(WHOAMI);
    await waitFor('the first call', () => first.active === 1);
    first.send(messageFor(exec ?? ''));
    await waitFor('the exec', () => pipeline.lines.length === 1 && tracker.connected);

    await first.stop();
    await waitFor('disconnected', () => !tracker.connected && tracker.lastError !== null);
    expect(tracker.lastError).toMatch(/^GetEvents: [A-Z_]+/);
    expect(logs).toContainEqual(expect.stringMatching(/reconnecting in 20 ms$/));

    const second = await agent(first.target);
    await waitFor('the call to the restarted agent', () => second.active === 1);
    second.send(messageFor(exit ?? ''));
    await waitFor('the exit', () => pipeline.lines.length === 2);
    expect(received(pipeline)).toEqual([JSON.parse(exec ?? ''), JSON.parse(exit ?? '')]);
    expect(tracker.snapshot()).toMatchObject({ connected: true, linesRead: 2, lastError: null });
    expect(pipeline.lines.map((line) => line.lineNo)).toEqual([1, 2]);

    await source.stop();
    await waitFor('the agent to see the cancel', () => second.cancelled === 1);
    expect(tracker.connected).toBe(false);
    expect(second.active).toBe(0);
  });

  it('opens a new call when the agent ends the stream', async () => {
    const server = await agent(`unix://${join(temp.dir, 'tetragon.sock')}`);
    const { tracker, pipeline } = grpcSource(server.target);
    const [exec, exit] = fixtureLines(WHOAMI);
    await waitFor('the first call', () => server.active === 1);
    server.send(messageFor(exec ?? ''));
    server.endStreams();
    await waitFor('a second call', () => server.calls === 2 && server.active === 1);
    expect(tracker.lastError).toBe('GetEvents: the agent ended the stream');

    server.send(messageFor(exit ?? ''));
    await waitFor('both events', () => pipeline.lines.length === 2);
    expect(tracker.snapshot()).toMatchObject({ connected: true, lastError: null });
  });

  it('keeps retrying while no agent listens', async () => {
    const socket = `unix://${join(temp.dir, 'absent.sock')}`;
    const { tracker, logs } = grpcSource(socket);
    await waitFor('a failed attempt', () => tracker.lastError !== null);
    expect(tracker.snapshot()).toMatchObject({ connected: false, linesRead: 0 });
    expect(tracker.lastError).toMatch(/^GetEvents: UNAVAILABLE/);

    const server = await agent(socket);
    await waitFor('the call once the agent listens', () => server.active === 1);
    await waitFor('connected', () => tracker.connected);
    expect(logs.filter((line) => line.includes('reconnecting'))).toHaveLength(1);
  });

  it('sends the configured filters with the call', async () => {
    const server = await agent('127.0.0.1:0');
    const tracker = new SourceTracker('grpc:filtered', 'grpc', server.target);
    const source = createGrpcSource({
      address: server.target,
      tracker,
      pipeline: recordingPipeline(),
      log: () => {},
      proto,
      request: {
        allow_list: [{ event_set: ['PROCESS_EXEC', 'PROCESS_EXIT'], namespace: ['default'] }],
      },
    });
    sources.push(source);
    source.start();
    await waitFor('the call', () => server.requests.length === 1);
    expect(server.requests[0]).toEqual({
      allow_list: [{ event_set: ['PROCESS_EXEC', 'PROCESS_EXIT'], namespace: ['default'] }],
    });
  });

  it('rejects an address it cannot use before connecting', () => {
    const tracker = new SourceTracker('grpc:bad', 'grpc', 'nowhere');
    expect(() =>
      createGrpcSource({
        address: 'nowhere',
        tracker,
        pipeline: recordingPipeline(),
        log: () => {},
      }),
    ).toThrow(/expected unix:\/\/\/path\/to\/tetragon.sock or host:port/);
  });
});
