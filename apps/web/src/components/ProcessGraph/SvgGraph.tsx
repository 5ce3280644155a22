import { useCallback, useRef, useState, type KeyboardEvent } from 'react';
import type { ZoomTransform } from 'd3-zoom';
import { findByData } from '../../view/dom.ts';
import { useZoom } from '../../view/useZoom.ts';
import { GraphLinks } from './GraphLinks.tsx';
import { GraphCard } from './GraphCard.tsx';
import { handleGraphKey } from './graph-keys.ts';
import type { GraphSceneProps } from './scene.ts';
import { useGraphCamera } from './useGraphCamera.ts';

/** The graph as SVG: one <g role="treeitem"> per card, for trees up to ~1,500 nodes. */
export function SvgGraph(props: GraphSceneProps) {
  // Matches and context are styled by the search's stylesheet (Search/MatchStyles.tsx).
  const { layout, selectedExec, selectedNode, focused, cameraRef } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const [scale, setScale] = useState(1);

  const onTransform = useCallback(
    (t: ZoomTransform) => {
      viewportRef.current?.setAttribute('transform', t.toString());
      cameraRef.current = { x: t.x, y: t.y, k: t.k };
      setScale((prev) => (Math.round(prev * 100) === Math.round(t.k * 100) ? prev : t.k));
    },
    [cameraRef],
  );
  const zoom = useZoom(svgRef, onTransform);
  useGraphCamera(zoom, layout, props.groupKey, selectedNode, cameraRef);
  const { nodeWidth, nodeHeight } = layout.options;

  const moveFocus = (id: string) => {
    props.onMoveFocus(id);
    findByData<SVGGElement>(viewportRef.current, 'node-id', id)?.focus({ preventScroll: true });
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

  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    const target = event.target instanceof Element ? event.target.closest('[data-node-id]') : null;
    handleGraphKey(event, {
      layout,
      current: target?.getAttribute('data-node-id') ?? focused,
      zoom,
      moveFocus,
      onToggle: props.onToggle,
      onActivate: props.onActivate,
    });
  };

  return (
    <div className="gcanvas" data-renderer="svg">
      <svg ref={svgRef} className="gcanvas__svg" data-testid="process-graph">
        <g ref={viewportRef}>
          <GraphLinks links={layout.links} highlighted={props.highlighted} />
          <g role="tree" aria-label={`Process tree of ${props.title}`} onKeyDown={onKeyDown}>
            {layout.nodes.map((node) => {
              const item = node.item;
              const own =
                item.kind === 'process' && selectedExec !== null && node.id === selectedNode
                  ? item.images.some((p) => p.execId === selectedExec)
                  : false;
              return (
                <GraphCard
                  key={node.id}
                  item={item}
                  x={node.x}
                  y={node.y}
                  depth={node.depth}
                  width={nodeWidth}
                  height={nodeHeight}
                  selectedExec={own ? selectedExec : null}
                  holdsSelection={!own && node.id === selectedNode}
                  tabbable={node.id === focused}
                  onActivate={props.onActivate}
                  onToggle={props.onToggle}
                  onFocusNode={props.onFocusNode}
                />
              );
            })}
          </g>
        </g>
      </svg>
      {props.chrome(zoom, scale)}
    </div>
  );
}
