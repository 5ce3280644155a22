import type { SuiteReport } from './report-types.ts';

export interface SuiteContext {
  /** A fast smoke pass: small inputs, few runs. */
  quick: boolean;
  /** Scratch directory for this suite (under bench/tmp), created and emptied by the runner. */
  tmpDir: string;
  log(line: string): void;
}

export type SuiteResult = Omit<SuiteReport, 'name' | 'title' | 'durationMs'>;

export interface Suite {
  name: string;
  title: string;
  /** Budget names and limits, reported as FAIL if the suite crashes before judging them. */
  budgets: readonly { name: string; limit: string }[];
  run(ctx: SuiteContext): Promise<SuiteResult>;
}
