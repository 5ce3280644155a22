import { memo } from 'react';
import type { GroupItem } from '../../view/grouping.ts';
import { chainLabel, countOutcomes } from '../../view/grouping.ts';
import { printable, truncateEnd } from '../../view/format.ts';
import { DETAIL_CHAR_PX, NAME_CHAR_PX, CARD_PADDING_X } from '../../view/node-label.ts';

interface GraphGroupNodeProps {
  group: GroupItem;
  x: number;
  y: number;
  depth: number;
  width: number;
  height: number;
  tabbable: boolean;
  onExpand: (id: string) => void;
  onFocusNode: (id: string) => void;
}

/** "sh ×240": repeated leaf siblings drawn as one stacked card; activating it expands them. */
export const GraphGroupNode = memo(function GraphGroupNode({
  group,
  x,
  y,
  depth,
  width,
  height,
  tabbable,
  onExpand,
  onFocusNode,
}: GraphGroupNodeProps) {
  const counts = countOutcomes(group.outcomes);
  const total = group.members.length;
  const name = printable(chainLabel(group.chain));
  const full = printable(group.chain.join(' → '));
  const count = `×${total}`;
  const tone =
    counts.signaled > 0
      ? 'danger'
      : counts.failed > 0
        ? 'warn'
        : counts.running > 0
          ? 'running'
          : 'ok';
  const parts = [
    counts.running > 0 && `${counts.running} running`,
    counts.ok > 0 && `${counts.ok} exit 0`,
    counts.failed > 0 && `${counts.failed} failed`,
    counts.signaled > 0 && `${counts.signaled} killed`,
    counts.other > 0 && `${counts.other} other`,
  ].filter((p): p is string => typeof p === 'string');
  const summary = parts.join(' · ');
  const countWidth = Math.round(count.length * 7 + 14);
  const nameChars = Math.floor((width - CARD_PADDING_X * 2 - countWidth - 6) / NAME_CHAR_PX);
  const detailChars = Math.floor((width - CARD_PADDING_X * 2) / DETAIL_CHAR_PX);
  const label = `${total} × ${full} (${summary}), collapsed`;
  return (
    <g
      className={`gnode ggroup gnode--${tone}`}
      style={{ transform: `translate(${x}px, ${y}px)` }}
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={false}
      aria-label={label}
      tabIndex={tabbable ? 0 : -1}
      data-testid="process-group"
      data-exec-id={group.id}
      onClick={() => onExpand(group.id)}
      onFocus={() => onFocusNode(group.id)}
    >
      <title>{`${total} runs of ${full}: ${summary}\nClick to show them all`}</title>
      {group.rootReason === 'external' && (
        <g className="gnode__stub" aria-hidden="true">
          <path d={`M-30,${height / 2}H-2`} />
          <circle cx={-32} cy={height / 2} r={3} />
        </g>
      )}
      <rect className="ggroup__shadow" x={10} y={7} width={width - 20} height={height} rx={9} />
      <rect className="ggroup__shadow" x={5} y={3.5} width={width - 10} height={height} rx={9} />
      <rect className="gnode__card" width={width} height={height} rx={9} />
      <rect className="gnode__bar" x={6} y={12} width={3} height={height - 24} rx={1.5} />
      <text className="gnode__name" x={16} y={23}>
        {truncateEnd(name, nameChars)}
      </text>
      <text className="gnode__detail" x={16} y={42}>
        {truncateEnd(summary, detailChars)}
      </text>
      <g className="ggroup__count" transform={`translate(${width - countWidth - 10},${11})`}>
        <rect width={countWidth} height={18} rx={9} />
        <text x={countWidth / 2} y={12.5}>
          {count}
        </text>
      </g>
    </g>
  );
});
