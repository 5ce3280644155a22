import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { GraphLayout } from '../../view/layout.ts';
import type { ZoomControls } from '../../view/useZoom.ts';
import { initialView, type View } from '../../view/viewport.ts';

/**
 * Frames a group's tree once, when it first has nodes (or takes over the camera of the
 * renderer it replaces), and pans a newly selected node into view.
 */
export function useGraphCamera(
  zoom: ZoomControls,
  layout: GraphLayout,
  groupKey: string,
  selectedNode: string | null,
  cameraRef: RefObject<View | null>,
): void {
  const framedFor = useRef<string | null>(null);
  const { nodeWidth, nodeHeight } = layout.options;

  useLayoutEffect(() => {
    if (layout.nodes.length === 0 || framedFor.current === groupKey) return;
    const { width, height } = zoom.size();
    if (width === 0 || height === 0) return;
    const carried = cameraRef.current;
    framedFor.current = groupKey;
    zoom.setView(carried ?? initialView(layout, width, height, selectedNode), false);
  }, [groupKey, layout, selectedNode, zoom, cameraRef]);

  useEffect(() => {
    const node = selectedNode === null ? undefined : layout.byId.get(selectedNode);
    if (!node || framedFor.current !== groupKey) return;
    zoom.reveal({
      minX: node.x,
      minY: node.y,
      maxX: node.x + nodeWidth,
      maxY: node.y + nodeHeight,
    });
    // Only on selection changes; layout updates must not move the camera.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedNode]);
}
