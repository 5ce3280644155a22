import type { NavCounts } from '../../view/navigator.ts';
import { formatCount, plural } from '../../view/format.ts';

/** "3 running, 7 exited, 2 flagged": for accessible names. */
export function countsLabel(counts: NavCounts): string {
  const parts = [
    plural(counts.processes, 'process', 'processes'),
    `${formatCount(counts.running)} running`,
    `${formatCount(counts.exited)} exited`,
  ];
  if (counts.flagged > 0) parts.push(`${formatCount(counts.flagged)} flagged`);
  if (counts.restarts > 0) parts.push(plural(counts.restarts, 'container restart'));
  return parts.join(', ');
}
