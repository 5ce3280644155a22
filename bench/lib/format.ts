import type { Summary } from './stats.ts';

export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

/** "12.5 ms (min 11.0, max 14.2; 5 runs)" */
export function formatSummary(s: Summary, unit: string, decimals: number, over = 'runs'): string {
  const u = unit === '' || unit === '×' ? unit : ` ${unit}`;
  const n = `${s.n} ${s.n === 1 ? over.replace(/s$/, '') : over}`;
  return (
    `${formatNumber(s.median, decimals)}${u} ` +
    `(min ${formatNumber(s.min, decimals)}, max ${formatNumber(s.max, decimals)}; ${n})`
  );
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${formatNumber(ms / 1000, 1)} s`;
  if (ms >= 1000) return `${formatNumber(ms / 1000, 2)} s`;
  return `${formatNumber(ms, ms < 10 ? 2 : 1)} ms`;
}

/** Markdown cells must not break the table. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}
