/**
 * How many runs a slow benchmark gets: `full`, unless its first run already took more than
 * `factor` times its budget, then `reduced`: such a miss is clear after fewer runs, and five
 * of them would not fit the 10-minute total. The report says which applied.
 */
export function adaptiveRuns(
  firstMs: number,
  budgetMs: number,
  full: number,
  reduced = 3,
  factor = 3,
): { runs: number; note: string } {
  if (firstMs <= budgetMs * factor || full <= reduced) return { runs: full, note: `${full} runs` };
  return {
    runs: reduced,
    note:
      `${reduced} runs instead of ${full}: the first took ${(firstMs / 1000).toFixed(1)} s, more than ` +
      `${factor}× the budget, so more runs would not change the verdict and would not fit the 10-minute total`,
  };
}
