import { describe, expect, it } from 'vitest';
import { figure, judge } from './budget.ts';
import { formatBytes, formatSummary, table } from './format.ts';
import { renderReport } from './report.ts';
import { summarize } from './stats.ts';

describe('report formatting', () => {
  it('formats a summary with its unit, min, max and count', () => {
    expect(formatSummary(summarize([1, 2, 3.25]), 'ms', 1)).toBe(
      '2.0 ms (min 1.0, max 3.3; 3 runs)',
    );
    expect(formatSummary(summarize([0.5]), '×', 2, '1-s windows')).toBe(
      '0.50× (min 0.50, max 0.50; 1 1-s window)',
    );
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });

  it('judges the median against max and min budgets and says by how much it missed', () => {
    const slow = figure('p50', 'ms', summarize([80, 90, 100]), 0);
    expect(judge('p50', slow, { kind: 'max', limit: 60, unit: 'ms' })).toMatchObject({
      verdict: 'FAIL',
      budget: '≤ 60 ms',
      miss: 'over by 30 ms (1.50× the budget)',
    });
    const ratio = figure('vs jq', '×', summarize([0.5, 0.4, 0.6]), 2);
    expect(judge('vs jq', ratio, { kind: 'min', limit: 2.5, unit: '×' })).toMatchObject({
      verdict: 'FAIL',
      miss: 'short by 2.00× (needs 5.00× more)',
    });
    expect(judge('vs jq', ratio, { kind: 'min', limit: 0.5, unit: '×' }).verdict).toBe('PASS');
  });

  it('escapes table cells and renders a report with every section', () => {
    expect(table(['a'], [['x|y']])).toEqual(['| a |', '| --- |', '| x\\|y |']);
    const text = renderReport(
      {
        cpu: 'Test CPU',
        cores: 2,
        memoryBytes: 2 ** 30,
        node: 'v20.0.0',
        os: 'linux',
        jq: null,
        chromium: 'Chromium 1',
        loadAverage: [1, 2, 3],
      },
      {
        startedAt: new Date(0),
        durationMs: 1500,
        quick: true,
        only: [],
        command: 'npm run bench',
        retention: 'Retention off.',
      },
      [
        {
          name: 'x',
          title: '1. X',
          method: ['- how'],
          figures: [figure('f', 'ms', summarize([1, 2, 3]), 1)],
          checks: [
            judge('f', figure('f', 'ms', summarize([1, 2, 3]), 1), {
              kind: 'max',
              limit: 1,
              unit: 'ms',
            }),
          ],
          findings: ['- why'],
          durationMs: 10,
        },
      ],
    );
    expect(text).toContain('| Cores | 2 |');
    expect(text).toContain('not found at /usr/bin/jq');
    expect(text).toContain('**FAIL**: over by 1.0 ms');
    expect(text).toContain('Quick pass');
    expect(text).toContain('### Findings');
  });
});
