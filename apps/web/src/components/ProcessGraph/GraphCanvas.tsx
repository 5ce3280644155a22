import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { GraphLayout } from '../../view/layout.ts';
import { isNavKey, nextFocus } from '../../view/graph-nav.ts';
import { useZoom } from '../../view/useZoom.ts';
import { initialView } from '../../view/viewport.ts';
import { findByData } from '../../view/dom.ts';
import { GraphLinks } from './GraphLinks.tsx';
import { GraphNode } from './GraphNode.tsx';
import { GraphGroupNode } from './GraphGroupNode.tsx';
import { GraphToolbar } from './GraphToolbar.tsx';
import { GraphLegend } from './GraphLegend.tsx';

interface GraphCanvasProps {
  groupKey: string;
  title: string;
  layout: GraphLayout;
  selected: string | null;
  onSelect: (execId: string) => void;
  onExpand: (groupId: string) => void;
  canCollapse: boolean;
  onCollapseAll: () => void;
}

function ancestryOf(layout: GraphLayout, id: string | null): ReadonlySet<string> {
  const path = new Set<string>();
  let node = id === null ? undefined : layout.byId.get(id);
  while (node && !path.has(node.id)) {
    path.add(node.id);
    node = node.parentId === null ? undefined : layout.byId.get(node.parentId);
  }
  return path;
}

export function GraphCanvas({
  groupKey,
  title,
  layout,
  selected,
  onSelect,
  onExpand,
  canCollapse,
  onCollapseAll,
}: GraphCanvasProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const framedFor = useRef<string | null>(null);
  const [scale, setScale] = useState(1);
  const [focused, setFocused] = useState<string | null>(null);

  const onScale = useCallback((k: number) => {
    setScale((prev) => (Math.round(prev * 100) === Math.round(k * 100) ? prev : k));
  }, []);
  const zoom = useZoom(svgRef, viewportRef, onScale);
  const { nodeWidth, nodeHeight } = layout.options;

  // Frame the tree once per group, when it first has nodes.
  useLayoutEffect(() => {
    if (layout.nodes.length === 0 || framedFor.current === groupKey) return;
    const { width, height } = zoom.size();
    if (width === 0 || height === 0) return;
    framedFor.current = groupKey;
    zoom.setView(initialView(layout, width, height, selected), false);
  }, [groupKey, layout, selected, zoom]);

  // Keep a newly selected process in view.
  useEffect(() => {
    const node = selected === null ? undefined : layout.byId.get(selected);
    if (!node || framedFor.current !== groupKey) return;
    zoom.reveal({
      minX: node.x,
      minY: node.y,
      maxX: node.x + nodeWidth,
      maxY: node.y + nodeHeight,
    });
    // Only on selection changes; layout updates must not move the camera.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selected]);

  const highlighted = useMemo(() => ancestryOf(layout, selected), [layout, selected]);

  const tabbable =
    (focused !== null && layout.byId.has(focused) && focused) ||
    (selected !== null && layout.byId.has(selected) && selected) ||
    layout.nodes[0]?.id ||
    null;

  const focusNode = (id: string) => {
    setFocused(id);
    findByData<SVGGElement>(viewportRef.current, 'exec-id', id)?.focus({ preventScroll: true });
    const node = layout.byId.get(id);
    if (node) {
      zoom.reveal({
        minX: node.x,
        minY: node.y,
        maxX: node.x + nodeWidth,
        maxY: node.y + nodeHeight,
      });
    }
  };

  const activate = useCallback(
    (id: string) => {
      if (layout.byId.get(id)?.item.kind === 'group') onExpand(id);
      else onSelect(id);
    },
    [layout, onExpand, onSelect],
  );

  const onTreeKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (isNavKey(event.key)) {
      event.preventDefault();
      const next = nextFocus(layout, tabbable, event.key);
      if (next !== null) focusNode(next);
    } else if ((event.key === 'Enter' || event.key === ' ') && tabbable !== null) {
      event.preventDefault();
      activate(tabbable);
    }
  };

  const onCanvasKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLInputElement) return;
    if (event.key === '+' || event.key === '=') zoom.zoomBy(1.25);
    else if (event.key === '-' || event.key === '_') zoom.zoomBy(0.8);
    else if (event.key === '0') zoom.fit(layout.bounds);
  };

  const onFocusNode = useCallback((id: string) => setFocused(id), []);

  return (
    <div className="gcanvas" onKeyDown={onCanvasKeyDown}>
      <svg ref={svgRef} className="gcanvas__svg" data-testid="process-graph">
        <g ref={viewportRef}>
          <GraphLinks links={layout.links} highlighted={highlighted} />
          <g role="tree" aria-label={`Process tree of ${title}`} onKeyDown={onTreeKeyDown}>
            {layout.nodes.map((node) =>
              node.item.kind === 'process' ? (
                <GraphNode
                  key={node.id}
                  process={node.item.process}
                  x={node.x}
                  y={node.y}
                  depth={node.depth}
                  rootReason={node.item.rootReason}
                  width={nodeWidth}
                  height={nodeHeight}
                  selected={node.id === selected}
                  tabbable={node.id === tabbable}
                  onActivate={onSelect}
                  onFocusNode={onFocusNode}
                />
              ) : (
                <GraphGroupNode
                  key={node.id}
                  group={node.item}
                  x={node.x}
                  y={node.y}
                  depth={node.depth}
                  width={nodeWidth}
                  height={nodeHeight}
                  tabbable={node.id === tabbable}
                  onExpand={onExpand}
                  onFocusNode={onFocusNode}
                />
              ),
            )}
          </g>
        </g>
      </svg>
      <GraphToolbar
        scale={scale}
        onZoomIn={() => zoom.zoomBy(1.25)}
        onZoomOut={() => zoom.zoomBy(0.8)}
        onFit={() => zoom.fit(layout.bounds)}
        onCollapseAll={canCollapse ? onCollapseAll : null}
      />
      <GraphLegend />
    </div>
  );
}
