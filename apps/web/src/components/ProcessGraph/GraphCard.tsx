import { memo, useMemo, type MouseEvent } from 'react';
import type { DisplayNode } from '../../view/grouping.ts';
import {
  BADGE_H,
  BADGE_Y,
  cardModel,
  DETAIL_Y,
  NAME_Y,
  TOGGLE_H,
  type CardModel,
} from '../../view/card-model.ts';
import { sameItem } from '../../view/same-item.ts';

interface GraphCardProps {
  item: DisplayNode;
  x: number;
  y: number;
  depth: number;
  width: number;
  height: number;
  /** The selected exec id when it is one of this card's images. */
  selectedExec: string | null;
  /** Closed, with the selected process hidden inside. */
  holdsSelection: boolean;
  tabbable: boolean;
  onActivate: (id: string, execId: string | null) => void;
  onToggle: (id: string, open: boolean) => void;
  onFocusNode: (id: string) => void;
}

const ROOT_HINT = {
  external: 'Parent process is outside this group',
  cycle: 'Parent chain loops back here; the loop was cut',
} as const;

function Names({
  model,
  selectedExec,
  onPick,
}: {
  model: CardModel;
  selectedExec: string | null;
  onPick: (execId: string | null, event: MouseEvent) => void;
}) {
  const lane = model.names.length > 1;
  return (
    <>
      {model.names.map((segment, i) => (
        <g key={i}>
          <text
            className={`gnode__name${segment.past ? ' gnode__name--past' : ''}${
              lane && segment.execId !== null && segment.execId === selectedExec
                ? ' gnode__name--picked'
                : ''
            }`}
            x={segment.x}
            y={NAME_Y}
            data-testid={lane ? 'lane-segment' : undefined}
            onClick={lane ? (event) => onPick(segment.execId, event) : undefined}
          >
            {segment.text}
          </text>
          {i < model.names.length - 1 && (
            <text className="gnode__sep" x={segment.x + segment.width + 4} y={NAME_Y}>
              ›
            </text>
          )}
        </g>
      ))}
    </>
  );
}

/** One process, exec-without-fork lane or group of repeats. Every string is SVG text. */
export const GraphCard = memo(
  function GraphCard({
    item,
    x,
    y,
    depth,
    width,
    height,
    selectedExec,
    holdsSelection,
    tabbable,
    onActivate,
    onToggle,
    onFocusNode,
  }: GraphCardProps) {
    const model = useMemo(() => cardModel(item, width, height), [item, width, height]);
    const mid = height / 2;
    const rootHint =
      item.rootReason === 'external' || item.rootReason === 'cycle' ? item.rootReason : null;
    const group = item.kind === 'group';
    const lastExec = item.kind === 'process' ? item.process.execId : item.id;
    const classes = [
      'gnode',
      `gnode--${model.tone}`,
      group && 'ggroup',
      selectedExec !== null && 'gnode--selected',
      holdsSelection && 'gnode--holds',
    ].filter(Boolean);
    const toggle = model.toggle;
    const pick = (execId: string | null, event: MouseEvent) => {
      event.stopPropagation();
      onActivate(item.id, execId);
    };
    return (
      <g
        className={classes.join(' ')}
        style={{ transform: `translate(${x}px, ${y}px)` }}
        role="treeitem"
        aria-level={depth + 1}
        aria-expanded={item.childCount > 0 ? item.open : undefined}
        aria-selected={selectedExec !== null}
        aria-label={model.label}
        tabIndex={tabbable ? 0 : -1}
        data-testid={group ? 'process-group' : 'process-node'}
        data-node-id={item.id}
        data-exec-id={lastExec}
        data-lane={
          item.kind === 'process' && item.images.length > 1 ? item.images.length : undefined
        }
        data-state={item.kind === 'process' ? item.process.state : undefined}
        onClick={() => (group ? onToggle(item.id, !item.open) : onActivate(item.id, null))}
        onFocus={() => onFocusNode(item.id)}
      >
        <title>{model.label}</title>
        {rootHint && (
          <g className={`gnode__stub gnode__stub--${rootHint}`} aria-hidden="true">
            <path d={`M-30,${mid}H-2`} />
            <circle cx={-32} cy={mid} r={3} />
            <title>{ROOT_HINT[rootHint]}</title>
          </g>
        )}
        {group && !item.open && (
          <>
            <rect
              className="ggroup__shadow"
              x={10}
              y={7}
              width={width - 20}
              height={height}
              rx={9}
            />
            <rect
              className="ggroup__shadow"
              x={5}
              y={3.5}
              width={width - 10}
              height={height}
              rx={9}
            />
          </>
        )}
        <rect className="gnode__card" width={width} height={height} rx={9} />
        {model.bar.map((segment, i) => (
          <rect
            key={i}
            className={`gnode__bar gnode__bar--${segment.tone}`}
            x={6}
            y={segment.y}
            width={3}
            height={segment.height}
            rx={1.5}
          />
        ))}
        <Names model={model} selectedExec={selectedExec} onPick={pick} />
        <text
          className={`gnode__detail${model.detailIsPath ? ' gnode__detail--path' : ''}`}
          x={16}
          y={DETAIL_Y}
        >
          {model.detail}
        </text>
        {model.chips.map((chip) => (
          <g
            key={chip.label}
            className="gnode__chip"
            transform={`translate(${chip.x},${DETAIL_Y - 11})`}
            data-testid={`chip-${chip.label}`}
          >
            <title>{chip.title}</title>
            <rect width={chip.width} height={15} rx={4} />
            <text x={chip.width / 2} y={11}>
              {chip.label}
            </text>
          </g>
        ))}
        <g
          className={model.badge.count ? 'ggroup__count' : 'gnode__badge'}
          transform={`translate(${model.badge.x},${BADGE_Y})`}
          data-testid="node-badge"
        >
          <rect width={model.badge.width} height={BADGE_H} rx={9} />
          {model.badge.tone === 'running' && !model.badge.count && (
            <circle className="gnode__pulse" cx={9} cy={9} r={3} />
          )}
          <text
            x={
              model.badge.tone === 'running' && !model.badge.count
                ? model.badge.width / 2 + 5
                : model.badge.width / 2
            }
            y={12.5}
          >
            {model.badge.label}
          </text>
        </g>
        {model.marker && (
          <g
            className={`gmarker${model.marker.solid ? '' : ' gmarker--inside'}`}
            transform="translate(2,2)"
            role="img"
            aria-label={model.marker.label}
            data-testid={model.marker.solid ? 'finding-marker' : 'inside-finding-marker'}
          >
            <title>{model.marker.label}</title>
            <circle r={8} />
            <text y={4}>!</text>
          </g>
        )}
        {toggle && (
          <g
            className={`gtoggle${toggle.flagged > 0 ? ' gtoggle--flagged' : ''}${
              toggle.open ? '' : ' gtoggle--closed'
            }`}
            transform={`translate(${toggle.x},${mid - TOGGLE_H / 2})`}
            data-testid="node-toggle"
            onClick={(event) => {
              event.stopPropagation();
              onToggle(item.id, !toggle.open);
            }}
          >
            <title>{toggle.description}</title>
            <rect width={toggle.width} height={TOGGLE_H} rx={TOGGLE_H / 2} />
            <text x={toggle.width / 2} y={12.5}>
              {toggle.label}
            </text>
          </g>
        )}
      </g>
    );
  },
  (a, b) =>
    sameItem(a.item, b.item) &&
    a.x === b.x &&
    a.y === b.y &&
    a.depth === b.depth &&
    a.width === b.width &&
    a.height === b.height &&
    a.selectedExec === b.selectedExec &&
    a.holdsSelection === b.holdsSelection &&
    a.tabbable === b.tabbable &&
    a.onActivate === b.onActivate &&
    a.onToggle === b.onToggle &&
    a.onFocusNode === b.onFocusNode,
);
