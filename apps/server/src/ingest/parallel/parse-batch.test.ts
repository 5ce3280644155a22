import { describe, expect, it } from 'vitest';
import { exitOnlyId, parseLine, timeKey } from '@exectree/domain';
import { TOO_DEEP } from '../json-depth.ts';
import { LINE_BLANK, LINE_EVENT, LINE_REJECTED, parseBatch } from './parse-batch.ts';

const exec = JSON.stringify({
  process_exec: { process: { exec_id: 'ZXhlYzox', pid: 7, binary: '/bin/sh' } },
  node_name: 'node-a',
  time: '2026-01-01T00:00:01.5Z',
});
const reducedExit = JSON.stringify({
  process_exit: { process: { pid: 42, start_time: '2026-01-01T00:00:00Z' }, status: 1 },
  node_name: 'node-b',
  time: '2026-01-01T00:00:02Z',
});
const deep = `{"a":${'['.repeat(70)}${']'.repeat(70)}}`;

const hex = (high: number | undefined, low: number | undefined) =>
  `${(high ?? 0).toString(16).padStart(8, '0')}${(low ?? 0).toString(16).padStart(8, '0')}`;

describe('parseBatch', () => {
  it('marks each line and lists the reasons of rejected ones in line order', () => {
    const batch = parseBatch([exec, '', '{"bad', deep, `  ${reducedExit}  `, '[1]']);
    expect([...batch.kinds]).toEqual([
      LINE_EVENT,
      LINE_BLANK,
      LINE_REJECTED,
      LINE_REJECTED,
      LINE_EVENT,
      LINE_REJECTED,
    ]);
    expect(batch.reasons).toHaveLength(3);
    expect(batch.reasons[0]).toMatch(/^invalid JSON/);
    expect(batch.reasons[1]).toBe(TOO_DEEP);
    expect(batch.reasons[2]).toMatch(/^not a JSON object/);
  });

  it('gives each event the columns the store writes, its id as two 32-bit halves', () => {
    const batch = parseBatch([exec, reducedExit]);
    const ids = [exec, reducedExit].map((line) => {
      const parsed = parseLine(line);
      return parsed.kind === 'event' ? parsed.event.id : '';
    });
    expect([hex(batch.hashes[0], batch.hashes[1]), hex(batch.hashes[2], batch.hashes[3])]).toEqual(
      ids,
    );
    expect(batch.types).toEqual(['process_exec', 'process_exit']);
    expect(batch.nodes).toEqual(['node-a', 'node-b']);
    expect(batch.timeKeys).toEqual([
      timeKey('2026-01-01T00:00:01.5Z'),
      timeKey('2026-01-01T00:00:02Z'),
    ]);
    expect(batch.execIds).toEqual(['ZXhlYzox', exitOnlyId('node-b', 42, '2026-01-01T00:00:00Z')]);
  });
});
