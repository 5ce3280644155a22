import { execLine } from './events.ts';

/** One malformed line and the reason it must be rejected with. */
export interface HostileLine {
  name: string;
  bytes: Buffer;
  reason: RegExp;
}

const TEN_MB = 10 * 1024 * 1024;
const DEPTH = 10_000;

export const HOSTILE_POD = { namespace: 'hostile', name: 'input' };

/** A valid exec of pid `n` in pod hostile/input. */
export const validLine = (n: number): string => execLine({ pid: n, pod: HOSTILE_POD });

/** Every kind of bad line the sources must reject one by one. */
export function hostileLines(): HostileLine[] {
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  return [
    { name: 'truncated', bytes: utf8(validLine(9000).slice(0, 60)), reason: /^invalid JSON/ },
    { name: 'not JSON', bytes: utf8('hello world'), reason: /^invalid JSON/ },
    { name: 'not an object', bytes: utf8('[1,2,3]'), reason: /^not a JSON object: got array/ },
    {
      name: 'no event key',
      bytes: utf8('{"node_name":"n","time":"2026-01-01T00:00:00Z"}'),
      reason: /^no event key/,
    },
    {
      name: 'pid as a string',
      bytes: utf8(validLine(9001).replace('"pid":9001', '"pid":"9001"')),
      reason: /pid: expected a non-negative integer, got string/,
    },
    {
      name: 'process as an array',
      bytes: utf8('{"process_exec":{"process":[1]},"node_name":"n"}'),
      reason: /process: expected an object, got array/,
    },
    {
      name: 'a 10 MB line',
      bytes: Buffer.concat([
        utf8('{"process_exec":{"process":{"binary":"'),
        Buffer.alloc(TEN_MB, 0x41),
        utf8('"}}}'),
      ]),
      reason: /^line too long \(limit 1048576 bytes\)$/,
    },
    {
      name: 'invalid UTF-8',
      bytes: Buffer.concat([
        utf8(validLine(9002).slice(0, 40)),
        Buffer.from([0xff, 0xfe, 0xc0, 0xaf]),
        utf8(validLine(9002).slice(40)),
      ]),
      reason: /^invalid UTF-8$/,
    },
    {
      name: 'JSON nested 10,000 deep',
      bytes: utf8(
        `{"process_exec":{"process":{"pid":1}},"x":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}}`,
      ),
      reason: /^JSON nested deeper than 64 levels$/,
    },
  ];
}

/** Valid lines around and between the hostile ones: valid, bad, valid, bad, ..., valid. */
export function interleaved(): { lines: Buffer[]; valid: number[]; bad: Map<number, HostileLine> } {
  const lines: Buffer[] = [];
  const valid: number[] = [];
  const bad = new Map<number, HostileLine>();
  let pid = 100;
  const addValid = () => {
    lines.push(Buffer.from(validLine(pid)));
    valid.push(pid);
    pid += 1;
  };
  addValid();
  for (const hostile of hostileLines()) {
    lines.push(hostile.bytes);
    bad.set(lines.length, hostile);
    addValid();
  }
  return { lines, valid, bad };
}

export const joinLines = (lines: readonly Buffer[]): Buffer =>
  Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]));

/** One metrics sample, e.g. sample(text, 'exectree_limit_hits_total{limit="max_line"}'). */
export function sample(metrics: string, series: string): number {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
}
