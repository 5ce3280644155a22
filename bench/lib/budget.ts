import { formatNumber, formatSummary } from './format.ts';
import type { BudgetCheck, Figure } from './report-types.ts';
import type { Summary } from './stats.ts';

export interface Budget {
  /** `max`: the figure must not exceed the limit; `min`: it must reach it. */
  kind: 'max' | 'min';
  limit: number;
  unit: string;
}

function withUnit(value: number, unit: string, decimals: number): string {
  const u = unit === '' || unit === '×' ? unit : ` ${unit}`;
  return `${formatNumber(value, decimals)}${u}`;
}

export function budgetText(budget: Budget, decimals: number): string {
  return `${budget.kind === 'max' ? '≤' : '≥'} ${withUnit(budget.limit, budget.unit, decimals)}`;
}

/** Judges the median against the budget and says by how much a miss missed. */
export function judge(
  name: string,
  figure: Figure,
  budget: Budget,
  value: number = figure.summary.median,
): BudgetCheck {
  const d = figure.decimals;
  const pass = budget.kind === 'max' ? value <= budget.limit : value >= budget.limit;
  const check: BudgetCheck = {
    name,
    figure: formatSummary(figure.summary, figure.unit, d, figure.over),
    budget: budgetText(budget, d),
    verdict: pass ? 'PASS' : 'FAIL',
  };
  if (!pass) {
    const gap = Math.abs(value - budget.limit);
    const factor =
      budget.kind === 'max' ? value / budget.limit : value > 0 ? budget.limit / value : Infinity;
    const times = formatNumber(factor, factor < 10 ? 2 : 0);
    check.miss =
      budget.kind === 'max'
        ? `over by ${withUnit(gap, budget.unit, d)} (${times}× the budget)`
        : `short by ${withUnit(gap, budget.unit, d)} (needs ${times}× more)`;
  }
  return check;
}

export function figure(
  label: string,
  unit: string,
  summary: Summary,
  decimals: number,
  over?: string,
): Figure {
  return over === undefined
    ? { label, unit, summary, decimals }
    : { label, unit, summary, decimals, over };
}

export function skipped(name: string, budget: string, why: string): BudgetCheck {
  return { name, figure: 'not measured', budget, verdict: 'SKIP', miss: why };
}
