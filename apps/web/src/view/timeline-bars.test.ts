import { describe, expect, it } from 'vitest';
import { at, makeProcess } from '../test/fixtures.ts';
import { groupBars, laneBars, worstTone } from './timeline-bars.ts';

const T0 = Date.UTC(2024, 0, 1);
const frame = { domain: [T0, T0 + 10_000] as const, width: 1000, now: T0 + 8000 };

describe('laneBars', () => {
  it('draws one segment per image, the replaced one ending where the next starts', () => {
    const sh = makeProcess({
      execId: 'sh',
      startTime: at(1),
      state: 'replaced',
      replacedBy: 'nginx',
      binary: '/bin/sh',
    });
    const nginx = makeProcess({ execId: 'nginx', parentExecId: 'sh', startTime: at(2) });
    const lookup = (id: string) => (id === 'nginx' ? nginx : undefined);
    const bars = laneBars([sh, nginx], frame, lookup);
    expect(bars.map((b) => [b.execId, b.left, b.width, b.tone, b.open])).toEqual([
      ['sh', 100, 100, 'muted', false],
      ['nginx', 200, 600, 'running', true],
    ]);
  });

  it('colours bars by outcome like the graph badges', () => {
    const exit = (status: number | null, signal: string | null) =>
      makeProcess({
        execId: `e${status}${signal}`,
        startTime: at(1),
        state: 'exited',
        exitTime: at(2),
        status,
        signal,
      });
    expect(laneBars([exit(0, null)], frame)[0]?.tone).toBe('ok');
    expect(laneBars([exit(2, null)], frame)[0]?.tone).toBe('warn');
    expect(laneBars([exit(0, 'SIGKILL')], frame)[0]?.tone).toBe('danger');
  });

  it('leaves out images outside the window', () => {
    const gone = makeProcess({
      execId: 'gone',
      startTime: at(-20),
      state: 'exited',
      exitTime: at(-10),
      status: 0,
    });
    expect(laneBars([gone], frame)).toEqual([]);
  });
});

describe('groupBars', () => {
  it('merges touching member bars and keeps the worst outcome', () => {
    const member = (i: number, start: number, end: number) =>
      makeProcess({
        execId: `m${i}`,
        startTime: at(start),
        state: 'exited',
        exitTime: at(end),
        status: 0,
      });
    const members = [member(0, 1, 1.5), member(1, 1.5, 2), member(2, 6, 6.5)];
    const outcomes = [members[0], { ...members[1], status: 1 }, members[2]].map(
      (p) => p as (typeof members)[number],
    );
    const bars = groupBars(members, outcomes, frame);
    expect(bars.map((b) => [b.left, b.width, b.count, b.tone])).toEqual([
      [100, 100, 2, 'warn'],
      [600, 50, 1, 'ok'],
    ]);
  });

  it('orders severities', () => {
    expect(worstTone('ok', 'danger')).toBe('danger');
    expect(worstTone('running', 'muted')).toBe('running');
    expect(worstTone('warn', 'running')).toBe('warn');
  });
});
