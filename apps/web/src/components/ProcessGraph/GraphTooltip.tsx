import type { DisplayNode } from '../../view/grouping.ts';
import { chainLabel } from '../../view/grouping.ts';
import { findingsSummary, noteworthyFindings } from '../../view/findings.ts';
import { formatCount, printable, truncateEnd } from '../../view/format.ts';
import { processStatus } from '../../view/status.ts';

export interface TooltipTarget {
  item: DisplayNode;
  /** The lane image under the pointer, if a name segment. */
  execId: string | null;
  /** Pointer position in the graph pane, CSS pixels. */
  x: number;
  y: number;
}

const MAX_TEXT = 300;

/** Hover card for the canvas renderer: binary, arguments and state, as React text only. */
export function GraphTooltip({ target }: { target: TooltipTarget }) {
  const { item } = target;
  let title: string;
  let lines: string[];
  if (item.kind === 'group') {
    title = `${formatCount(item.members.length)} × ${chainLabel(item.chain)}`;
    lines = [printable(item.chain.join(' → ')), 'Click to show them all'];
    if (item.flagged > 0) lines.push(`${formatCount(item.flagged)} flagged inside`);
  } else {
    const process = item.images.find((p) => p.execId === target.execId) ?? item.process;
    title = printable(process.binary || '<unknown>');
    const status = processStatus(process).description;
    const pid = process.pid !== null ? ` · pid ${process.pid}` : '';
    lines = [process.arguments ? printable(process.arguments) : '(no arguments)', status + pid];
    if (item.images.length > 1)
      lines.push(`exec chain: ${chainLabel(item.images.map((p) => p.binary))}`);
    const findings = noteworthyFindings(process);
    if (findings.length > 0) lines.push(findingsSummary(findings));
    if (!item.open && item.descendants > 0) {
      lines.push(`${formatCount(item.descendants)} processes folded below`);
    }
  }
  return (
    <div
      className="gtooltip"
      role="tooltip"
      data-testid="graph-tooltip"
      style={{ transform: `translate(${target.x + 14}px, ${target.y + 16}px)` }}
    >
      <div className="gtooltip__title mono">{truncateEnd(title, MAX_TEXT)}</div>
      {lines.map((line, i) => (
        <div key={i} className={i === 0 ? 'gtooltip__args mono' : 'gtooltip__line'}>
          {truncateEnd(line, MAX_TEXT)}
        </div>
      ))}
    </div>
  );
}
