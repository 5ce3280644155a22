/** Prometheus text exposition format 0.0.4, written by hand. */

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface Sample {
  /** Appended to the family name, e.g. "_bucket"; "" for plain samples. */
  suffix?: string;
  labels?: Readonly<Record<string, string>>;
  value: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// eslint-disable-next-line no-control-regex
const OTHER_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/g;

export function checkMetricName(name: string): string {
  if (!NAME.test(name)) throw new Error(`invalid metric name ${JSON.stringify(name)}`);
  return name;
}

export function checkLabelName(name: string): string {
  if (!LABEL_NAME.test(name) || name.startsWith('__')) {
    throw new Error(`invalid label name ${JSON.stringify(name)}`);
  }
  return name;
}

/**
 * The format only defines escapes for backslash, double quote and line feed. Other control
 * characters are replaced so a hostile value (a file path, an address) cannot end a line
 * or confuse a lenient parser.
 */
export function escapeLabelValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(OTHER_CONTROL, '\uFFFD');
}

export function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  if (!labels) return '';
  const pairs = Object.entries(labels).map(
    ([name, value]) => `${checkLabelName(name)}="${escapeLabelValue(value)}"`,
  );
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

/** One family: HELP, TYPE and its samples, each line ending in "\n". */
export function formatFamily(
  name: string,
  type: MetricType,
  help: string,
  samples: readonly Sample[],
): string {
  let text = `# HELP ${name} ${escapeHelp(help)}\n# TYPE ${name} ${type}\n`;
  for (const sample of samples) {
    text += `${name}${sample.suffix ?? ''}${formatLabels(sample.labels)} ${formatValue(sample.value)}\n`;
  }
  return text;
}
