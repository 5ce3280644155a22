import { describe, expect, it } from 'vitest';
import type { InfoResponse } from '@exectree/domain';
import {
  explainLimit,
  formatLimitValue,
  hitLimits,
  INFO_POLL_MS,
  limitsLabel,
  pollDelay,
  REBUILD_POLL_MS,
  rebuildPercent,
  RETRY_POLL_MS,
} from './server-notices.ts';

const info = (patch: Partial<InfoResponse>): InfoResponse => ({
  version: '1.0.0',
  demo: false,
  sources: [],
  ...patch,
});

describe('server notices', () => {
  it('polls every second while rebuilding, rarely otherwise, and retries after a failure', () => {
    expect(pollDelay(info({ rebuild: { replayed: 1, total: 2 } }), false)).toBe(REBUILD_POLL_MS);
    expect(pollDelay(info({ rebuild: null }), false)).toBe(INFO_POLL_MS);
    expect(pollDelay(info({}), false)).toBe(INFO_POLL_MS);
    expect(pollDelay(null, true)).toBe(RETRY_POLL_MS);
    expect(REBUILD_POLL_MS).toBeLessThan(INFO_POLL_MS);
  });

  it('rounds rebuild progress down to whole percents within 0..100', () => {
    expect(rebuildPercent({ replayed: 45, total: 100 })).toBe(45);
    expect(rebuildPercent({ replayed: 999, total: 1000 })).toBe(99);
    expect(rebuildPercent({ replayed: 0, total: 7 })).toBe(0);
    expect(rebuildPercent({ replayed: 12, total: 10 })).toBe(100);
    expect(rebuildPercent({ replayed: 0, total: 0 })).toBe(100);
  });

  it('lists only the limits that were hit, most hits first', () => {
    const limits = [
      { name: 'max_body', limit: 16 * 1024 * 1024, unit: 'bytes', hits: 0 },
      { name: 'max_line', limit: 64, unit: 'bytes', hits: 2 },
      { name: 'max_clients', limit: 200, unit: 'clients', hits: 5 },
    ];
    expect(hitLimits(info({ limits })).map((l) => l.name)).toEqual(['max_clients', 'max_line']);
    expect(hitLimits(info({}))).toEqual([]);
    expect(hitLimits(null)).toEqual([]);
  });

  it('explains a limit with its flag, value and what a hit did', () => {
    expect(explainLimit({ name: 'max_line', limit: 1024 * 1024, unit: 'bytes', hits: 3 })).toEqual({
      name: 'max_line',
      flag: '--max-line',
      value: '1 MiB',
      hits: 3,
      sentence: '3 times: event lines longer than this were rejected',
    });
    expect(
      explainLimit({ name: 'login_rate', limit: 10, unit: 'attempts/min', hits: 1 }),
    ).toMatchObject({
      value: '10 attempts/min',
      sentence: 'once: sign-in attempts over the rate were refused',
    });
    expect(explainLimit({ name: 'new_limit', limit: 1, unit: 'things', hits: 2 })).toMatchObject({
      flag: 'new_limit',
      sentence: '2 times: the server hit this limit',
    });
  });

  it('formats values in their unit', () => {
    expect(formatLimitValue({ limit: 64 * 1024 * 1024, unit: 'bytes/s' })).toBe('64 MiB/s');
    expect(formatLimitValue({ limit: 300, unit: 'bytes' })).toBe('300 B');
    expect(formatLimitValue({ limit: 1500, unit: 'bytes' })).toBe('1,500 B');
    expect(formatLimitValue({ limit: 100_000, unit: 'processes' })).toBe('100,000 processes');
    expect(limitsLabel(1)).toBe('1 limit hit');
    expect(limitsLabel(3)).toBe('3 limits hit');
  });
});
