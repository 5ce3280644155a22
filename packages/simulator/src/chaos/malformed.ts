import type { Prng } from '../prng.ts';

/** Lines a tailer really meets besides events: agent log noise and torn writes. */
const NOT_JSON = [
  'time="2026-01-01T00:00:00Z" level=warning msg="Perf ring buffer size (bytes)" percpu=65536',
  'level=info msg="Exporting events" file=/var/log/tetragon/tetragon.log',
  '\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000',
  'Error: write /var/log/tetragon/tetragon.log: no space left on device',
  '{"process_exec":',
];

function truncated(line: string, rng: Prng): string {
  return line.slice(0, rng.int(1, Math.max(1, line.length - 1)));
}

/**
 * Replaces an export line by a malformed one: truncated, torn (a tail without its start),
 * not JSON at all, or JSON with the wrong types. Truncated and torn lines never parse.
 */
export function malform(line: string, rng: Prng): string {
  switch (rng.int(0, 5)) {
    case 0:
      return truncated(line, rng);
    case 1:
      return line.slice(rng.int(1, Math.max(1, line.length - 1)));
    case 2:
      return rng.pick(NOT_JSON);
    case 3: {
      const pidAsString = line.replace(/"pid":(\d+)/, '"pid":"$1"');
      return pidAsString !== line ? pidAsString : truncated(line, rng);
    }
    case 4: {
      const timeAsNumber = line.replace(/"time":"[^"]*"}$/, '"time":1767225600}');
      return timeAsNumber !== line ? timeAsNumber : truncated(line, rng);
    }
    default: {
      const key = /^\{"([a-z_]+)":/.exec(line)?.[1] ?? 'process_exec';
      return rng.chance(0.5) ? `{"${key}":"unexpected","node_name":42}` : `[${line}]`;
    }
  }
}
