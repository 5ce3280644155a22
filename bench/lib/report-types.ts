import type { Summary } from './stats.ts';

export type Verdict = 'PASS' | 'FAIL' | 'SKIP';

/** One measured quantity: a median with its min and max. */
export interface Figure {
  label: string;
  unit: string;
  summary: Summary;
  decimals: number;
  /** What the n counts when it is not runs, e.g. "1-s windows". */
  over?: string;
}

export interface BudgetCheck {
  name: string;
  /** The figure as shown, e.g. "0.07× (min 0.06, max 0.08; 5 runs)". */
  figure: string;
  budget: string;
  verdict: Verdict;
  /** For a FAIL: by how much; for a SKIP: why. */
  miss?: string;
}

export interface SuiteReport {
  name: string;
  title: string;
  /** Markdown lines describing how the figures were measured. */
  method: string[];
  figures: Figure[];
  checks: BudgetCheck[];
  /** Markdown lines: what the numbers mean, causes of misses, recommended fixes. */
  findings: string[];
  durationMs: number;
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
  jq: string | null;
  chromium: string | null;
  loadAverage: readonly number[];
}

export interface RunInfo {
  startedAt: Date;
  durationMs: number;
  quick: boolean;
  only: readonly string[];
  command: string;
  /** How the servers were started with respect to retention. */
  retention: string;
}
