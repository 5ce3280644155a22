import { describe, expect, it } from 'vitest';
import { compareTime, parseLine, ProcessTreeBuilder, type ParsedEvent } from '@exectree/domain';
import { generateLines } from './index.ts';
import { prngFor } from './prng.ts';

/**
 * The acceptance test of the tree rules on a realistic stream: a chaos stream (late,
 * duplicated, lost, reduced and malformed lines) ingested in a random order must give the
 * same tree as the same events sorted back into order.
 */
const COUNT = 20_000;

function parseAccepted(lines: string[]): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  for (const line of lines) {
    const result = parseLine(line);
    if (result.kind === 'event') events.push(result.event);
  }
  return events;
}

function build(events: ParsedEvent[]): ProcessTreeBuilder {
  const builder = new ProcessTreeBuilder();
  for (const event of events) builder.apply(event);
  return builder;
}

function snapshot(builder: ProcessTreeBuilder) {
  return builder.groups().map((group) => ({
    group,
    processes: builder
      .processes(group.key)
      .map((p) => [p.execId, p.parentExecId, p.binary, p.state, p.status, p.signal, p.replacedBy]),
  }));
}

describe('a 20,000-line chaos stream', { timeout: 120_000 }, () => {
  const lines = generateLines({ seed: 7, count: COUNT, chaos: true });
  const events = parseAccepted(lines);

  it('contains the chaos the rules are about', () => {
    expect(lines.length - events.length).toBeGreaterThan(50); // malformed lines rejected
    const reducedExits = events.filter((e) => e.type === 'process_exit' && !e.process?.execId);
    expect(reducedExits.length).toBeGreaterThan(50);
    expect(new Set(events.map((e) => e.id)).size).toBeLessThan(events.length); // duplicates
  });

  it('builds the same tree in random order as in time order', () => {
    const prng = prngFor(99, 'shuffle');
    const shuffled = [...events];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(prng.float() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as ParsedEvent, shuffled[i] as ParsedEvent];
    }
    const inTimeOrder = [...events].sort((a, b) => compareTime(a.time, b.time));
    const expected = snapshot(build(inTimeOrder));
    expect(expected.reduce((n, g) => n + g.processes.length, 0)).toBeGreaterThan(1_000);
    expect(snapshot(build(shuffled))).toEqual(expected);
  });
});
