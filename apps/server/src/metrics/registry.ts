import {
  checkLabelName,
  checkMetricName,
  formatFamily,
  type MetricType,
  type Sample,
} from './exposition.ts';

export type LabelValues<L extends string> = Readonly<Record<L, string>>;

interface Family {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  collect(): readonly Sample[];
}

function checkIncrement(by: number): void {
  if (!(by >= 0) || !Number.isFinite(by))
    throw new Error(`counter increment must be >= 0, got ${by}`);
}

/** A monotonic count without labels. */
export class Counter {
  private value = 0;

  inc(by = 1): void {
    checkIncrement(by);
    this.value += by;
  }

  get(): number {
    return this.value;
  }

  collect(): Sample[] {
    return [{ value: this.value }];
  }
}

/** A monotonic count per label set. Label values must come from a small, known set. */
export class LabeledCounter<L extends string> {
  private readonly series = new Map<string, { labels: LabelValues<L>; value: number }>();

  constructor(private readonly labelNames: readonly L[]) {}

  inc(labels: LabelValues<L>, by = 1): void {
    checkIncrement(by);
    const key = JSON.stringify(this.labelNames.map((name) => labels[name]));
    const found = this.series.get(key);
    if (found) found.value += by;
    else this.series.set(key, { labels: { ...labels }, value: by });
  }

  /** Makes a series visible (at 0) before its first increment. */
  init(labels: LabelValues<L>): void {
    this.inc(labels, 0);
  }

  get(labels: LabelValues<L>): number {
    return this.series.get(JSON.stringify(this.labelNames.map((name) => labels[name])))?.value ?? 0;
  }

  collect(): Sample[] {
    return [...this.series.values()].map(({ labels, value }) => ({ labels, value }));
  }
}

/** Cumulative buckets, as Prometheus expects; `le` bounds are inclusive. */
export class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = bounds.map(() => 0);
  }

  observe(value: number): void {
    if (Number.isNaN(value)) return;
    this.sum += value;
    this.count += 1;
    const index = this.bounds.findIndex((bound) => value <= bound);
    if (index >= 0) this.counts[index] = (this.counts[index] ?? 0) + 1;
  }

  collect(): Sample[] {
    const samples: Sample[] = [];
    let cumulative = 0;
    this.bounds.forEach((bound, index) => {
      cumulative += this.counts[index] ?? 0;
      samples.push({ suffix: '_bucket', labels: { le: String(bound) }, value: cumulative });
    });
    samples.push({ suffix: '_bucket', labels: { le: '+Inf' }, value: this.count });
    samples.push({ suffix: '_sum', value: this.sum });
    samples.push({ suffix: '_count', value: this.count });
    return samples;
  }
}

/** The metrics of one server; other modules get the counters and increment them. */
export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): Counter {
    const counter = new Counter();
    this.add(name, 'counter', help, () => counter.collect());
    return counter;
  }

  labeledCounter<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
  ): LabeledCounter<L> {
    for (const label of labelNames) checkLabelName(label);
    const counter = new LabeledCounter(labelNames);
    this.add(name, 'counter', help, () => counter.collect());
    return counter;
  }

  histogram(name: string, help: string, bounds: readonly number[]): Histogram {
    const sorted = [...bounds].sort((a, b) => a - b);
    const histogram = new Histogram(sorted);
    this.add(name, 'histogram', help, () => histogram.collect());
    return histogram;
  }

  /** A count kept elsewhere and read at scrape time; the source must never let it go down. */
  counterFrom(name: string, help: string, collect: () => readonly Sample[]): void {
    this.add(name, 'counter', help, collect);
  }

  /** A value read at scrape time. */
  gauge(name: string, help: string, collect: () => readonly Sample[]): void {
    this.add(name, 'gauge', help, collect);
  }

  render(): string {
    let text = '';
    for (const family of this.families.values()) {
      let samples: readonly Sample[];
      try {
        samples = family.collect();
      } catch {
        // One unreadable source (a closed database) must not hide every other metric.
        samples = [];
      }
      text += formatFamily(family.name, family.type, family.help, samples);
    }
    return text;
  }

  private add(name: string, type: MetricType, help: string, collect: () => readonly Sample[]) {
    if (this.families.has(checkMetricName(name))) throw new Error(`duplicate metric ${name}`);
    this.families.set(name, { name, type, help, collect });
  }
}
