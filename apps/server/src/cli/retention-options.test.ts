import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../retention/retention-job.ts';
import { parseServeArgs } from './serve-config.ts';
import { parseRetentionAge, parseRetentionSize } from './retention-options.ts';
import { UsageError } from './usage-error.ts';

const HOUR = 60 * 60 * 1000;

function retention(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const args = parseServeArgs(argv, env);
  if (args.help) throw new Error('unexpected help');
  return args.config.retention;
}

describe('retention options', () => {
  it('defaults to 7 days and 2 GiB', () => {
    expect(retention([])).toEqual(DEFAULT_RETENTION);
    expect(DEFAULT_RETENTION).toEqual({ maxAgeMs: 7 * 24 * HOUR, maxBytes: 2 * 1024 ** 3 });
  });

  it('reads ages and sizes from flags first, then the environment', () => {
    expect(retention(['--retention-age', '12h', '--retention-size', '500MB'])).toEqual({
      maxAgeMs: 12 * HOUR,
      maxBytes: 500 * 1024 ** 2,
    });
    const env = { EXECTREE_RETENTION_AGE: '0', EXECTREE_RETENTION_SIZE: '0' };
    expect(retention([], env)).toEqual({ maxAgeMs: 0, maxBytes: 0 });
    expect(retention(['--retention-age', '2w'], env)).toEqual({
      maxAgeMs: 14 * 24 * HOUR,
      maxBytes: 0,
    });
  });

  it.each([
    ['30m', 30 * 60_000],
    ['90s', 90_000],
    ['7D', 7 * 24 * HOUR],
    ['0', 0],
  ])('parses the age %s', (text, ms) => {
    expect(parseRetentionAge(text, '--retention-age')).toBe(ms);
  });

  it.each([
    ['2GB', 2 * 1024 ** 3],
    ['1.5g', 1.5 * 1024 ** 3],
    ['512KiB', 512 * 1024],
    ['1TB', 1024 ** 4],
    ['4096', 4096],
    ['0', 0],
  ])('parses the size %s', (text, bytes) => {
    expect(parseRetentionSize(text, '--retention-size')).toBe(bytes);
  });

  it.each([
    [['--retention-age', '7'], /^invalid --retention-age "7": expected an age such as 7d/],
    [['--retention-age=-1d'], /^invalid --retention-age "-1d"/],
    [['--retention-age', 'week'], /^invalid --retention-age "week"/],
    [['--retention-size', '2PB'], /^invalid --retention-size "2PB": expected a size such as 2GB/],
    [['--retention-size', 'lots'], /^invalid --retention-size "lots"/],
  ])('rejects %j with a one-line error naming the flag', (argv, message) => {
    expect(() => parseServeArgs(argv, {})).toThrow(UsageError);
    expect(() => parseServeArgs(argv, {})).toThrow(message);
  });

  it('names the variable when the bad value came from the environment', () => {
    expect(() => parseServeArgs([], { EXECTREE_RETENTION_SIZE: 'big' })).toThrow(
      /^invalid EXECTREE_RETENTION_SIZE "big"/,
    );
  });
});
