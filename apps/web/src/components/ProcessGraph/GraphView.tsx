import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { GraphLayout } from '../../view/layout.ts';
import { chooseRenderer, type Renderer } from '../../view/renderer.ts';
import type { View } from '../../view/viewport.ts';
import { CanvasGraph } from './CanvasGraph.tsx';
import { GraphLegend } from './GraphLegend.tsx';
import { GraphToolbar, type GraphToolbarOptions } from './GraphToolbar.tsx';
import { SvgGraph } from './SvgGraph.tsx';
import type { GraphSceneProps } from './scene.ts';

interface GraphViewProps {
  groupKey: string;
  title: string;
  layout: GraphLayout;
  /** Exec id → id of the drawn node that shows it. */
  locate: ReadonlyMap<string, string>;
  selected: string | null;
  /** The detail panel is open: keyboard moves carry the selection along. */
  followFocus: boolean;
  /** Search matches and context-only nodes; the canvas draws them (SVG styles them in CSS). */
  matched?: ReadonlySet<string>;
  dimmed?: ReadonlySet<string>;
  onSelect: (execId: string) => void;
  onToggle: (nodeId: string, open: boolean) => void;
  toolbar: GraphToolbarOptions;
}

const NONE: ReadonlySet<string> = new Set();

function pathTo(layout: GraphLayout, id: string | null): ReadonlySet<string> {
  const path = new Set<string>();
  let node = id === null ? undefined : layout.byId.get(id);
  while (node && !path.has(node.id)) {
    path.add(node.id);
    node = node.parentId === null ? undefined : layout.byId.get(node.parentId);
  }
  return path;
}

/**
 * The graph pane: picks the renderer for the tree's size, and owns what both renderers
 * share: keyboard focus, selection, the highlighted path and the toolbar.
 */
export function GraphView({
  groupKey,
  title,
  layout,
  locate,
  selected,
  followFocus,
  matched = NONE,
  dimmed = NONE,
  onSelect,
  onToggle,
  toolbar,
}: GraphViewProps) {
  const [focused, setFocused] = useState<string | null>(null);
  const [renderer, setRenderer] = useState<Renderer>(() =>
    chooseRenderer(layout.nodes.length, 'svg'),
  );
  const cameraRef = useRef<View | null>(null);
  const wanted = chooseRenderer(layout.nodes.length, renderer);
  if (wanted !== renderer) setRenderer(wanted);

  const selectedNode = selected === null ? null : (locate.get(selected) ?? null);
  // A selection made elsewhere (the panel, the timeline, a link) moves keyboard focus too.
  const [focusFollows, setFocusFollows] = useState(selectedNode);
  if (focusFollows !== selectedNode) {
    setFocusFollows(selectedNode);
    if (selectedNode !== null) setFocused(selectedNode);
  }
  const highlighted = useMemo(() => pathTo(layout, selectedNode), [layout, selectedNode]);
  const current =
    (focused !== null && layout.byId.has(focused) && focused) ||
    (selectedNode !== null && layout.byId.has(selectedNode) && selectedNode) ||
    layout.nodes[0]?.id ||
    null;

  // Read by the callbacks below, which stay the same functions across live updates so that
  // memoised cards whose content did not change skip rendering.
  const latest = useRef({ layout, followFocus, onSelect, onToggle });
  useLayoutEffect(() => {
    latest.current = { layout, followFocus, onSelect, onToggle };
  });

  const onActivate = useCallback((nodeId: string, execId: string | null) => {
    const item = latest.current.layout.byId.get(nodeId)?.item;
    if (!item) return;
    setFocused(nodeId);
    if (item.kind === 'group') latest.current.onToggle(nodeId, !item.open);
    else latest.current.onSelect(execId ?? item.process.execId);
  }, []);

  const onMoveFocus = useCallback((nodeId: string) => {
    setFocused(nodeId);
    const { layout: current, followFocus: follow, onSelect: select } = latest.current;
    const item = current.byId.get(nodeId)?.item;
    if (follow && item?.kind === 'process') select(item.process.execId);
  }, []);

  const onFocusNode = useCallback((nodeId: string) => setFocused(nodeId), []);

  const scene: GraphSceneProps = {
    groupKey,
    title,
    layout,
    selectedExec: selected,
    selectedNode,
    highlighted,
    focused: current,
    matched,
    dimmed,
    onActivate,
    onToggle,
    onMoveFocus,
    onFocusNode,
    cameraRef,
    chrome: (zoom, scale) => (
      <>
        <GraphToolbar
          scale={scale}
          renderer={renderer}
          nodes={layout.nodes.length}
          onZoomIn={() => zoom.zoomBy(1.25)}
          onZoomOut={() => zoom.zoomBy(0.8)}
          onFit={() => zoom.fit(layout.bounds)}
          {...toolbar}
        />
        <GraphLegend />
      </>
    ),
  };
  return renderer === 'canvas' ? <CanvasGraph {...scene} /> : <SvgGraph {...scene} />;
}
