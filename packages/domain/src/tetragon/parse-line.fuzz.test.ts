import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLine } from './parse-line.ts';

/**
 * Hostile input must be rejected with a reason, never crash or hang the parser. Together
 * with the builder fuzz test this runs well over 100,000 generated cases per CI run.
 */
const fixtures = join(import.meta.dirname, '../../test/fixtures');
const realLines = readdirSync(fixtures)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(join(fixtures, f), 'utf8').split('\n'))
  .filter((l) => l.trim() !== '');

function checkResult(line: string): void {
  const result = parseLine(line, { maxLineLength: 64 * 1024 });
  if (result.kind === 'rejected') {
    expect(typeof result.reason).toBe('string');
    expect(result.reason.length).toBeGreaterThan(0);
    expect(result.reason.length).toBeLessThan(500);
  } else if (result.kind === 'event') {
    expect(typeof result.event.type).toBe('string');
    expect(result.event.raw).toBe(line.trim());
  }
}

/** A real line with one edit: cut short, a byte changed, or a value swapped for another type. */
const mutatedRealLine = fc
  .tuple(
    fc.constantFrom(...realLines),
    fc.nat(),
    fc.constantFrom('truncate', 'replace', 'retype', 'insert'),
    fc.constantFrom(
      '"x"',
      '[]',
      '{}',
      'null',
      '-1',
      '1e309',
      '"\u0000"',
      '[[[[',
      '"\\ud800"',
      'true',
    ),
  )
  .map(([line, at, how, junk]) => {
    const i = at % line.length;
    if (how === 'truncate') return line.slice(0, i);
    if (how === 'replace')
      return (
        line.slice(0, i) + String.fromCharCode((line.charCodeAt(i) + 7) % 128) + line.slice(i + 1)
      );
    if (how === 'insert') return line.slice(0, i) + junk + line.slice(i);
    // Swap the value after a random key for junk of another type.
    const colon = line.indexOf(':', i);
    if (colon < 0) return line;
    const end = line.slice(colon + 1).search(/[,}\]]/);
    return end < 0 ? line : line.slice(0, colon + 1) + junk + line.slice(colon + 1 + end);
  });

const eventLike = fc.record({
  type: fc.constantFrom(
    'process_exec',
    'process_exit',
    'process_kprobe',
    'rate_limit_info',
    'process_throttle',
    'weird',
  ),
  body: fc.jsonValue({ maxDepth: 4 }),
  process: fc.option(fc.jsonValue({ maxDepth: 3 })),
  node: fc.option(fc.jsonValue({ maxDepth: 1 })),
});

describe('parseLine fuzz', { timeout: 120_000 }, () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => checkResult(s)),
      { numRuns: 30_000 },
    );
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), (s) => checkResult(s)),
      { numRuns: 20_000 },
    );
  });

  it('never throws on event-shaped objects with wrong types anywhere', () => {
    fc.assert(
      fc.property(eventLike, ({ type, body, process, node }) => {
        const inner =
          typeof body === 'object' && body !== null && !Array.isArray(body)
            ? { ...body, process }
            : body;
        checkResult(
          JSON.stringify({ [type]: inner, node_name: node, time: '2026-01-01T00:00:00Z' }),
        );
      }),
      { numRuns: 20_000 },
    );
  });

  it('rejects or accepts every mutation of a real line without throwing', () => {
    fc.assert(
      fc.property(mutatedRealLine, (s) => checkResult(s)),
      { numRuns: 20_000 },
    );
  });

  it('rejects pathological lines quickly: 10 MB, 10,000-deep nesting, lone surrogates', () => {
    expect(parseLine('{"process_exec":{"x":"' + 'a'.repeat(10 * 1024 * 1024) + '"}}').kind).toBe(
      'rejected',
    );
    const deepObject = '{"process_exec":' + '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000) + '}';
    expect(['rejected', 'event']).toContain(parseLine(deepObject, { maxLineLength: 1 << 20 }).kind);
    expect(parseLine('{"process_exec":{"process":{"binary":"\ud800\udfff\ud800"}}}').kind).toBe(
      'event',
    );
  });
});
