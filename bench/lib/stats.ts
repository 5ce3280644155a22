/** Order statistics for benchmark figures: every figure is a median with its min and max. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** How many values the summary is over. */
  n: number;
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function requireValues(values: readonly number[], what: string): void {
  if (values.length === 0) throw new RangeError(`${what} of no values`);
  if (values.some((v) => Number.isNaN(v))) throw new RangeError(`${what} of a NaN value`);
}

/** The p-th percentile (0..100), interpolating linearly between the closest ranks. */
export function percentile(values: readonly number[], p: number): number {
  requireValues(values, 'percentile');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is not within 0..100`);
  const s = sorted(values);
  const rank = (p / 100) * (s.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = s[lower] as number;
  const high = s[upper] as number;
  return low + (high - low) * (rank - lower);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function summarize(values: readonly number[]): Summary {
  requireValues(values, 'summary');
  const s = sorted(values);
  return {
    median: median(s),
    min: s[0] as number,
    max: s[s.length - 1] as number,
    n: s.length,
  };
}

/** Least-squares line through the points; the slope is what one more unit costs. */
export function linearFit(
  xs: readonly number[],
  ys: readonly number[],
): { slope: number; intercept: number } {
  if (xs.length !== ys.length || xs.length < 2) {
    throw new RangeError('a linear fit needs two or more (x, y) pairs');
  }
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    sxy += dx * ((ys[i] as number) - my);
    sxx += dx * dx;
  }
  if (sxx === 0) throw new RangeError('a linear fit needs two distinct x values');
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}
