import { memo } from 'react';
import type { Process } from '@exectree/domain';
import type { RootReason } from '../../view/hierarchy.ts';
import { nodeLabel } from '../../view/node-label.ts';

/** Props are primitives and the (stable) process object, so unchanged cards skip rendering. */
interface GraphNodeProps {
  process: Process;
  x: number;
  y: number;
  depth: number;
  rootReason: RootReason | null;
  width: number;
  height: number;
  selected: boolean;
  tabbable: boolean;
  onActivate: (id: string) => void;
  onFocusNode: (id: string) => void;
}

const ROOT_HINT = {
  external: 'Parent process is outside this group',
  cycle: 'Parent chain loops back here; the loop was cut',
} as const;

/** One process card. Every string is rendered as SVG text, never as markup. */
export const GraphNode = memo(function GraphNode({
  process,
  x,
  y,
  depth,
  rootReason,
  width,
  height,
  selected,
  tabbable,
  onActivate,
  onFocusNode,
}: GraphNodeProps) {
  const label = nodeLabel(process, width);
  const { badge } = label;
  const mid = height / 2;
  const rootHint = rootReason === 'external' || rootReason === 'cycle' ? rootReason : null;
  const id = process.execId;
  return (
    <g
      className={`gnode gnode--${badge.tone}${selected ? ' gnode--selected' : ''}`}
      style={{ transform: `translate(${x}px, ${y}px)` }}
      role="treeitem"
      aria-level={depth + 1}
      aria-selected={selected}
      aria-label={`${label.full} — ${badge.description}`}
      tabIndex={tabbable ? 0 : -1}
      data-testid="process-node"
      data-exec-id={id}
      data-state={process.state}
      onClick={() => onActivate(id)}
      onFocus={() => onFocusNode(id)}
    >
      <title>{`${label.full}\n${badge.description}${process.pid !== null ? ` · pid ${process.pid}` : ''}`}</title>
      {rootHint && (
        <g className={`gnode__stub gnode__stub--${rootHint}`} aria-hidden="true">
          <path d={`M-30,${mid}H-2`} />
          <circle cx={-32} cy={mid} r={3} />
          <title>{ROOT_HINT[rootHint]}</title>
        </g>
      )}
      <rect className="gnode__card" width={width} height={height} rx={9} />
      <rect className="gnode__bar" x={6} y={12} width={3} height={height - 24} rx={1.5} />
      <text className="gnode__name" x={16} y={23}>
        {label.name}
      </text>
      <text
        className={`gnode__detail${label.detailIsPath ? ' gnode__detail--path' : ''}`}
        x={16}
        y={42}
      >
        {label.detail}
      </text>
      <g
        className="gnode__badge"
        transform={`translate(${width - badge.width - 10},${11})`}
        data-testid="node-badge"
      >
        <rect width={badge.width} height={18} rx={9} />
        {badge.tone === 'running' && <circle className="gnode__pulse" cx={9} cy={9} r={3} />}
        <text x={badge.tone === 'running' ? badge.width / 2 + 5 : badge.width / 2} y={12.5}>
          {badge.label}
        </text>
      </g>
    </g>
  );
});
