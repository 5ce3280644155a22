import { formatBytes, formatMs, formatNumber, table } from './format.ts';
import type { MachineInfo, RunInfo, SuiteReport } from './report-types.ts';

function machineSection(m: MachineInfo): string[] {
  return [
    '## Machine',
    '',
    ...table(
      ['', ''],
      [
        ['CPU', m.cpu],
        ['Cores', String(m.cores)],
        ['Memory', formatBytes(m.memoryBytes)],
        ['Node', m.node],
        ['OS', m.os],
        ['jq', m.jq ?? 'not found at /usr/bin/jq'],
        ['Chromium', m.chromium ?? 'not found at /usr/bin/chromium'],
        ['Load average at start (1, 5, 15 min)', m.loadAverage.map((l) => l.toFixed(2)).join(', ')],
      ],
    ),
  ];
}

function summarySection(suites: readonly SuiteReport[]): string[] {
  const rows = suites.flatMap((suite) =>
    suite.checks.map((c) => [
      suite.title,
      c.name,
      c.figure,
      c.budget,
      c.verdict === 'PASS' ? 'PASS' : `**${c.verdict}**${c.miss ? `: ${c.miss}` : ''}`,
    ]),
  );
  return [
    '## Results',
    '',
    ...table(['Benchmark', 'Budget', 'Figure (median, min, max)', 'Limit', 'Result'], rows),
  ];
}

function suiteSection(suite: SuiteReport): string[] {
  const figures = table(
    ['Figure', 'Median', 'Min', 'Max', 'n'],
    suite.figures.map((f) => {
      const u = f.unit === '' ? '' : f.unit === '×' ? '×' : ` ${f.unit}`;
      const v = (x: number) => `${formatNumber(x, f.decimals)}${u}`;
      return [
        f.label,
        v(f.summary.median),
        v(f.summary.min),
        v(f.summary.max),
        `${f.summary.n} ${f.over ?? 'runs'}`,
      ];
    }),
  );
  return [
    `## ${suite.title}`,
    '',
    `Took ${formatMs(suite.durationMs)}.`,
    '',
    '### Method',
    '',
    ...suite.method,
    '',
    '### Figures',
    '',
    ...(suite.figures.length > 0 ? figures : ['No figures: the benchmark did not complete.']),
    ...(suite.findings.length > 0 ? ['', '### Findings', '', ...suite.findings] : []),
  ];
}

/** The whole results.md. */
export function renderReport(
  machine: MachineInfo,
  run: RunInfo,
  suites: readonly SuiteReport[],
): string {
  const lines = [
    '# exectree benchmark results',
    '',
    `Written by \`${run.command}\` on ${run.startedAt.toISOString()}; the run took ` +
      `${formatMs(run.durationMs)}. How to run and what each benchmark does: \`bench/README.md\`.`,
    ...(run.quick
      ? [
          '',
          '> **Quick pass** (`--quick`): small inputs and few runs, a smoke test of the harness.',
        ]
      : []),
    ...(run.only.length > 0 ? ['', `> Only: ${run.only.join(', ')}.`] : []),
    '',
    'Every figure is the median of its runs with the min and max; a figure that is a ratio was',
    'measured against its baseline within the same round, because the machine is shared and',
    'noisy. The verdict uses the median. Every server listens on 127.0.0.1 with a fresh or',
    `prepared store. ${run.retention}`,
    '',
    ...machineSection(machine),
    '',
    ...summarySection(suites),
    ...suites.flatMap((suite) => ['', ...suiteSection(suite)]),
    '',
  ];
  return lines.join('\n');
}
