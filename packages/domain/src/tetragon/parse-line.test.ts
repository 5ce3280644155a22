import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLine } from './parse-line.ts';
import { decodeExecId } from './exec-id.ts';

const fixtures = join(import.meta.dirname, '../../test/fixtures');
const readFixture = (name: string) =>
  readFileSync(join(fixtures, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

function parsed(line: string) {
  const result = parseLine(line);
  if (result.kind !== 'event') throw new Error(JSON.stringify(result));
  return result.event;
}

function rejection(line: string): string {
  const result = parseLine(line);
  if (result.kind !== 'rejected') throw new Error(`expected a rejection, got ${result.kind}`);
  return result.reason;
}

describe('parseLine on the real samples', () => {
  it('reads every line of every sample file', () => {
    for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.jsonl'))) {
      for (const line of readFixture(file)) expect(parseLine(line).kind, file).toBe('event');
    }
  });

  it('reads the whoami exec and exit', () => {
    const [execLine, exitLine] = readFixture('docs-whoami-exec-exit.jsonl');
    const exec = parsed(execLine ?? '');
    expect(exec.type).toBe('process_exec');
    expect(exec.node).toBe('kind-control-plane');
    expect(exec.process).toMatchObject({
      pid: 51583,
      binary: '/usr/bin/whoami',
      arguments: '--version',
      cwd: '/',
      flags: 'execve rootcwd clone',
      startTime: '2022-05-11T12:54:45.615Z',
    });
    expect(exec.process?.pod).toMatchObject({ namespace: 'default', name: 'xwing' });
    expect(exec.process?.pod?.container?.image.name).toBe('docker.io/tgraf/netperf:latest');
    expect(exec.parent?.binary).toBe('/bin/bash');
    expect(decodeExecId(exec.process?.execId ?? '')).toEqual({
      node: 'kind-control-plane',
      ktime: '11428615636901',
      pid: 51583,
    });
    const exit = parsed(exitLine ?? '');
    expect(exit.exit).toEqual({ status: 0, signal: null, time: '2022-05-11T12:54:45.616Z' });
  });

  it('keeps loss lines as markers', () => {
    const [start] = readFixture('docs-throttle-events.jsonl');
    const event = parsed(start ?? '');
    expect(event.process).toBeUndefined();
    expect(event.loss).toMatchObject({ kind: 'throttle', throttleType: 'THROTTLE_START' });
    const rate = parsed(
      '{"rate_limit_info":{"number_of_dropped_process_events":"12"},"node_name":"n1"}',
    );
    expect(rate.loss).toMatchObject({ kind: 'rate_limit', dropped: 12 });
  });

  it('summarises kprobe events', () => {
    const [first] = readFixture('docs-kprobe-events.jsonl');
    const event = parsed(first ?? '');
    expect(event.probe).toEqual({
      functionName: 'security_file_permission',
      policyName: 'file-monitoring',
      action: 'KPROBE_ACTION_POST',
    });
  });
});

describe('parseLine on bad input', () => {
  it('skips blank lines', () => {
    expect(parseLine('   ').kind).toBe('blank');
  });

  it.each([
    ['{"process_exec":', /^invalid JSON/],
    ['hello', /^invalid JSON/],
    ['[1,2]', /not a JSON object: got array/],
    ['42', /not a JSON object: got number/],
    ['{"node_name":"n","time":"2026-01-01T00:00:00Z"}', /no event key/],
    [
      '{"process_exec":{"process":{"pid":"12"}}}',
      /process_exec\.process\.pid: expected a non-negative integer, got string/,
    ],
    ['{"process_exec":{"process":[]}}', /process_exec\.process: expected an object, got array/],
    ['{"process_exec":[]}', /\$\.process_exec: expected an object, got array/],
    ['{"process_exit":{"process":{"exec_id":"x"},"status":"1"}}', /process_exit\.status/],
    [
      '{"process_exec":{"process":{"pod":{"name":1}}}}',
      /process_exec\.process\.pod\.name: expected a string/,
    ],
    ['{"process_exec":{},"node_name":7}', /\$\.node_name: expected a string/],
  ])('rejects %s', (line, reason) => {
    expect(rejection(line)).toMatch(reason);
  });

  it('rejects a line over the length limit before parsing it', () => {
    const big = `{"process_exec":{"process":{"arguments":"${'a'.repeat(200)}"}}}`;
    expect(parseLine(big).kind).toBe('event');
    const result = parseLine(big, { maxLineLength: 100 });
    expect(result).toEqual({ kind: 'rejected', reason: expect.stringMatching(/line too long/) });
  });

  it('rejects JSON nested 10,000 deep without crashing', () => {
    const deep = '{"process_exec":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}';
    expect(parseLine(deep).kind).toBe('rejected');
  });

  it('accepts unknown event types, whatever their body', () => {
    expect(parsed('{"process_connect":{"process":{"exec_id":"YQ==","pid":3}}}').type).toBe(
      'process_connect',
    );
    expect(parsed('{"something_new":1,"node_name":"n"}').type).toBe('something_new');
  });

  it('gives identical lines the same id and different lines different ids', () => {
    const a = parsed('{"process_exec":{"process":{"exec_id":"YQ==","pid":3}}}');
    const b = parsed(' {"process_exec":{"process":{"exec_id":"YQ==","pid":3}}} ');
    const c = parsed('{"process_exec":{"process":{"exec_id":"YQ==","pid":4}}}');
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
  });
});
