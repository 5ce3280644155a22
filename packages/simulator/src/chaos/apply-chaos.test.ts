import { describe, expect, it } from 'vitest';
import type { EmittedRecord } from '../engine/record.ts';
import { Prng } from '../prng.ts';
import { generateLines, simulateRecords } from '../simulate.ts';
import { timeNs, tryParseEvent } from '../test-support/events.ts';
import { applyChaos } from './apply-chaos.ts';
import { DEFAULT_CHAOS } from './options.ts';

const SAMPLE = 40_000;

function firstRecords(seed: number, count: number): EmittedRecord[] {
  const out: EmittedRecord[] = [];
  for (const record of simulateRecords({ seed })) {
    out.push(record);
    if (out.length >= count) break;
  }
  return out;
}

const records = firstRecords(5, SAMPLE);

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

describe('applyChaos (rates on a 40,000-line sample)', () => {
  const output = [...applyChaos(records, { ...DEFAULT_CHAOS, malformedRate: 0 }, new Prng(9))];
  const present = new Set(output);

  it('drops about lostExecRate of execs', () => {
    const execs = records.filter((r) => r.kind === 'exec');
    const lost = execs.filter((r) => !present.has(r.line)).length;
    expect(share(lost, execs.length)).toBeGreaterThan(0.015);
    expect(share(lost, execs.length)).toBeLessThan(0.045);
  });

  it('drops about lostExitRate of exits and reduces about reducedExitRate to pid + start_time', () => {
    const exits = records.filter((r) => r.kind === 'exit');
    const reduced = new Set(
      output.filter((line) => {
        const event = tryParseEvent(line);
        return event?.key === 'process_exit' && event.event.process?.exec_id === undefined;
      }),
    );
    const full = exits.filter((r) => present.has(r.line)).length;
    const lost = exits.length - full - reduced.size;
    expect(share(reduced.size, exits.length)).toBeGreaterThan(0.015);
    expect(share(reduced.size, exits.length)).toBeLessThan(0.045);
    expect(share(lost, exits.length)).toBeGreaterThan(0.015);
    expect(share(lost, exits.length)).toBeLessThan(0.045);
    for (const line of reduced) {
      const process = tryParseEvent(line)?.event.process;
      expect(Object.keys(process ?? {})).toEqual(['pid', 'start_time']);
    }
  });

  it('emits about duplicateRate of lines twice, byte for byte', () => {
    const duplicates = output.length - present.size;
    expect(share(duplicates, present.size)).toBeGreaterThan(0.02);
    expect(share(duplicates, present.size)).toBeLessThan(0.04);
  });

  it('delays some lines, but never by more than maxDelayMs of event time', () => {
    const maxDelay = BigInt(DEFAULT_CHAOS.maxDelayMs) * 1_000_000n;
    let latest = 0n;
    let late = 0;
    for (const line of output) {
      const t = timeNs(tryParseEvent(line)?.time ?? '');
      if (t < latest) late++;
      expect(t >= latest - maxDelay).toBe(true);
      if (t > latest) latest = t;
    }
    expect(share(late, output.length)).toBeGreaterThan(0.01);
  });

  it('replaces about malformedRate of lines with malformed ones', () => {
    const chaotic = [...applyChaos(records, DEFAULT_CHAOS, new Prng(9))];
    const malformed = chaotic.filter((line) => tryParseEvent(line) === undefined).length;
    expect(share(malformed, chaotic.length)).toBeGreaterThan(0.005);
    expect(share(malformed, chaotic.length)).toBeLessThan(0.015);
  });

  it('changes nothing when every rate is zero', () => {
    const none = {
      ...DEFAULT_CHAOS,
      maxDelayMs: 0,
      duplicateRate: 0,
      lostExecRate: 0,
      lostExitRate: 0,
      reducedExitRate: 0,
      malformedRate: 0,
    };
    const slice = records.slice(0, 2_000);
    expect([...applyChaos(slice, none, new Prng(1))]).toEqual(slice.map((r) => r.line));
  });
});

describe('simulate with chaos', () => {
  const lines = generateLines({ seed: 2, count: 20_000, chaos: true });

  it('is still deterministic per seed', () => {
    expect(generateLines({ seed: 2, count: 3_000, chaos: true })).toEqual(lines.slice(0, 3_000));
  });

  it('contains duplicates, reduced exits and malformed lines', () => {
    expect(new Set(lines).size).toBeLessThan(lines.length);
    const parsed = lines.map(tryParseEvent);
    expect(parsed.filter((e) => e === undefined).length).toBeGreaterThan(50);
    const reduced = parsed.filter(
      (e) => e?.key === 'process_exit' && e.event.process?.exec_id === undefined,
    );
    expect(reduced.length).toBeGreaterThan(50);
  });

  it('accepts partial options', () => {
    const noisy = generateLines({ seed: 2, count: 2_000, chaos: { malformedRate: 0.5 } });
    const malformed = noisy.filter((line) => tryParseEvent(line) === undefined).length;
    expect(malformed).toBeGreaterThan(800);
  });
});
