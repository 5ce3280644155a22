import { decodeExecId } from '@exectree/domain';
import { describe, expect, it } from 'vitest';
import { generateLines, simulate } from './simulate.ts';
import { parseEvent } from './test-support/events.ts';
import { SAMPLE_SIZE, orderedSample } from './test-support/sample.ts';

const EVENT_KEYS = new Set([
  'process_exec',
  'process_exit',
  'process_kprobe',
  'process_throttle',
  'rate_limit_info',
]);

describe('simulate', () => {
  it('gives byte-identical output for the same seed', () => {
    const a = generateLines({ seed: 7, count: 3_000 });
    const b = generateLines({ seed: 7, count: 3_000 });
    expect(a.join('\n')).toBe(b.join('\n'));
  });

  it('gives different output for a different seed', () => {
    const a = generateLines({ seed: 7, count: 500 });
    const b = generateLines({ seed: 8, count: 500 });
    expect(a.join('\n')).not.toBe(b.join('\n'));
  });

  it('is an endless stream that can be consumed lazily', () => {
    const stream = simulate({ seed: 1 });
    let n = 0;
    for (const line of stream) {
      expect(line.includes('\n')).toBe(false);
      if (++n === 100) break;
    }
    expect(n).toBe(100);
  });

  it('generates the requested number of lines (20,000 here)', () => {
    const { lines } = orderedSample();
    expect(lines).toHaveLength(SAMPLE_SIZE);
    expect(new Set(lines).size).toBe(SAMPLE_SIZE);
  });

  it('writes one JSON object per line: event key first, then node_name and time', () => {
    const { lines } = orderedSample();
    for (const line of lines) {
      const event = parseEvent(line);
      expect(EVENT_KEYS.has(event.key)).toBe(true);
      expect(event.keys).toEqual([event.key, 'node_name', 'time']);
      expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3}|\.\d{6}|\.\d{9})?Z$/);
    }
  });

  it('honours nodes, podsPerNode and startTime', () => {
    const lines = generateLines({
      seed: 3,
      count: 2_000,
      nodes: 2,
      podsPerNode: 4,
      startTime: new Date('2030-06-01T12:00:00Z'),
    });
    const events = lines.map(parseEvent);
    expect(new Set(events.map((e) => e.node)).size).toBe(2);
    const pods = new Set(
      events.flatMap((e) => {
        const pod = e.event.process?.pod;
        return pod?.name !== undefined ? [`${pod.namespace}/${pod.name}`] : [];
      }),
    );
    expect(pods.size).toBeGreaterThanOrEqual(8);
    const live = events.filter((e) => !(e.event.process?.flags ?? '').includes('procFS'));
    expect(live[0]?.time.startsWith('2030-06-01T12:')).toBe(true);
  });

  it('rejects impossible options', () => {
    expect(() => simulate({ seed: 1.5 })).toThrow(RangeError);
    expect(() => simulate({ seed: 1, nodes: 0 })).toThrow(RangeError);
    expect(() => simulate({ seed: 1, chaos: { duplicateRate: 2 } })).toThrow(RangeError);
    expect(() => generateLines({ seed: 1, count: -1 })).toThrow(RangeError);
  });

  it('keeps lines about as large as real exports (1.5-2.5 KB typical)', () => {
    const { lines } = orderedSample();
    const sizes = lines.map((line) => line.length).sort((a, b) => a - b);
    const median = sizes[sizes.length >> 1] ?? 0;
    const mean = sizes.reduce((sum, size) => sum + size, 0) / sizes.length;
    expect(median).toBeGreaterThan(1_500);
    expect(median).toBeLessThan(2_600);
    expect(mean).toBeGreaterThan(1_500);
    expect(mean).toBeLessThan(2_500);
  });

  it('uses exec_ids that decode to node:ktime:pid of their own process', () => {
    const { events } = orderedSample();
    for (const { node, event } of events) {
      for (const p of [event.process, event.parent]) {
        if (p?.exec_id === undefined) continue;
        const decoded = decodeExecId(p.exec_id);
        expect(decoded).toBeDefined();
        expect(decoded?.node).toBe(node);
        expect(decoded?.pid).toBe(p.pid);
      }
    }
  });
});
