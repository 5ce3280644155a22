import { describe, expect, it } from 'vitest';
import { escapeLabelValue, formatValue } from './exposition.ts';
import { MetricsRegistry } from './registry.ts';

describe('metrics registry', () => {
  it('renders HELP, TYPE and samples of counters, gauges and histograms', () => {
    const registry = new MetricsRegistry();
    registry.counter('a_total', 'A count.').inc(2);
    const labeled = registry.labeledCounter('b_total', 'B by kind.', ['kind']);
    labeled.inc({ kind: 'x' });
    labeled.inc({ kind: 'x' }, 3);
    labeled.init({ kind: 'y' });
    registry.gauge('c', 'C now.', () => [{ value: 1.5 }]);
    const histogram = registry.histogram('d', 'D sizes.', [10, 1]);
    for (const value of [0, 1, 2, 50]) histogram.observe(value);

    expect(registry.render()).toBe(
      [
        '# HELP a_total A count.',
        '# TYPE a_total counter',
        'a_total 2',
        '# HELP b_total B by kind.',
        '# TYPE b_total counter',
        'b_total{kind="x"} 4',
        'b_total{kind="y"} 0',
        '# HELP c C now.',
        '# TYPE c gauge',
        'c 1.5',
        '# HELP d D sizes.',
        '# TYPE d histogram',
        'd_bucket{le="1"} 2',
        'd_bucket{le="10"} 3',
        'd_bucket{le="+Inf"} 4',
        'd_sum 53',
        'd_count 4',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values so no input can end a line or a string early', () => {
    expect(escapeLabelValue('a"b\\c\nd\re\u0000f')).toBe('a\\"b\\\\c\\nd\uFFFDe\uFFFDf');
    const registry = new MetricsRegistry();
    registry.gauge('g', 'help with \\ and\nnewline', () => [
      { labels: { source: 'file:/tmp/x"} 1\nevil 2' }, value: 1 },
    ]);
    const lines = registry.render().trimEnd().split('\n');
    expect(lines).toEqual([
      '# HELP g help with \\\\ and\\nnewline',
      '# TYPE g gauge',
      'g{source="file:/tmp/x\\"} 1\\nevil 2"} 1',
    ]);
  });

  it('formats special values and rejects bad names and negative increments', () => {
    expect([NaN, Infinity, -Infinity, 0.25].map(formatValue)).toEqual([
      'NaN',
      '+Inf',
      '-Inf',
      '0.25',
    ]);
    const registry = new MetricsRegistry();
    expect(() => registry.counter('bad name', 'x')).toThrow(/invalid metric name/);
    expect(() => registry.labeledCounter('ok_total', 'x', ['le-x'])).toThrow(/invalid label/);
    const counter = registry.counter('c_total', 'x');
    expect(() => counter.inc(-1)).toThrow(/>= 0/);
    expect(() => registry.counter('c_total', 'again')).toThrow(/duplicate/);
  });

  it('keeps serving the other metrics when one collector fails', () => {
    const registry = new MetricsRegistry();
    registry.gauge('broken', 'Fails.', () => {
      throw new Error('database closed');
    });
    registry.gauge('fine', 'Works.', () => [{ value: 1 }]);
    expect(registry.render()).toContain('\nfine 1\n');
    expect(registry.render()).toContain('# TYPE broken gauge\n# HELP fine');
  });
});
