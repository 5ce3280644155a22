/**
 * One canvas frame of the graph: links, then the cards in view, from the same layout the
 * SVG renderer draws. Only what intersects the viewport is drawn, and below a readable
 * scale cards lose their text, so a frame stays cheap with thousands of nodes.
 */
import { cardModel, type CardModel } from '../card-model.ts';
import type { DisplayNode } from '../grouping.ts';
import type { Bounds, GraphLayout, LayoutNode } from '../layout.ts';
import { nodesIn, type SpatialIndex } from '../spatial-index.ts';
import { drawCard } from './draw-card.ts';
import type { Palette } from './palette.ts';

/** Below this scale card text is unreadable: cards are drawn as shapes. */
export const SIMPLE_BELOW = 0.45;

export interface CanvasFrame {
  /** CSS pixels. */
  width: number;
  height: number;
  dpr: number;
  transform: { x: number; y: number; k: number };
  selectedExec: string | null;
  selectedNode: string | null;
  highlighted: ReadonlySet<string>;
  hovered: string | null;
  matched: ReadonlySet<string>;
  dimmed: ReadonlySet<string>;
}

export interface SceneCache {
  index: SpatialIndex;
  models: WeakMap<DisplayNode, CardModel>;
}

/** The graph rectangle the viewport shows. */
export function viewBounds(frame: CanvasFrame): Bounds {
  const { x, y, k } = frame.transform;
  return {
    minX: -x / k,
    minY: -y / k,
    maxX: (frame.width - x) / k,
    maxY: (frame.height - y) / k,
  };
}

export function modelFor(cache: SceneCache, node: LayoutNode, layout: GraphLayout): CardModel {
  let model = cache.models.get(node.item);
  if (!model) {
    model = cardModel(node.item, layout.options.nodeWidth, layout.options.nodeHeight);
    cache.models.set(node.item, model);
  }
  return model;
}

function drawLinks(
  ctx: CanvasRenderingContext2D,
  layout: GraphLayout,
  view: Bounds,
  highlighted: ReadonlySet<string>,
  p: Palette,
) {
  const { nodeWidth, nodeHeight } = layout.options;
  const path: [number, number, number, number][] = [];
  const onPath: [number, number, number, number][] = [];
  for (const link of layout.links) {
    const parent = layout.byId.get(link.source);
    const child = layout.byId.get(link.target);
    if (!parent || !child) continue;
    const x1 = parent.x + nodeWidth;
    const y1 = parent.y + nodeHeight / 2;
    const x2 = child.x;
    const y2 = child.y + nodeHeight / 2;
    if (x2 < view.minX || x1 > view.maxX) continue;
    if (Math.max(y1, y2) < view.minY || Math.min(y1, y2) > view.maxY) continue;
    (highlighted.has(link.target) ? onPath : path).push([x1, y1, x2, y2]);
  }
  const stroke = (segments: typeof path, color: string, width: number) => {
    if (segments.length === 0) return;
    ctx.beginPath();
    for (const [x1, y1, x2, y2] of segments) {
      const mid = x1 + (x2 - x1) / 2;
      ctx.moveTo(x1, y1);
      ctx.bezierCurveTo(mid, y1, mid, y2, x2, y2);
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.stroke();
  };
  stroke(path, p.link, 1.5);
  stroke(onPath, p.accent, 2);
}

/** Draws a frame; returns how many cards it drew. */
export function drawScene(
  ctx: CanvasRenderingContext2D,
  layout: GraphLayout,
  cache: SceneCache,
  frame: CanvasFrame,
  p: Palette,
): number {
  const { dpr, transform } = frame;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, frame.width * dpr, frame.height * dpr);
  ctx.setTransform(
    dpr * transform.k,
    0,
    0,
    dpr * transform.k,
    dpr * transform.x,
    dpr * transform.y,
  );
  const view = viewBounds(frame);
  drawLinks(ctx, layout, view, frame.highlighted, p);

  const { nodeWidth, nodeHeight } = layout.options;
  const simple = transform.k < SIMPLE_BELOW;
  const visible = nodesIn(cache.index, view);
  for (const node of visible) {
    const item = node.item;
    const own =
      item.kind === 'process' &&
      frame.selectedExec !== null &&
      node.id === frame.selectedNode &&
      item.images.some((image) => image.execId === frame.selectedExec);
    drawCard(
      ctx,
      modelFor(cache, node, layout),
      node.x,
      node.y,
      nodeWidth,
      nodeHeight,
      {
        stub:
          item.rootReason === 'external' || item.rootReason === 'cycle' ? item.rootReason : null,
        selectedExec: own ? frame.selectedExec : null,
        holdsSelection: !own && node.id === frame.selectedNode,
        hovered: node.id === frame.hovered,
        matched: frame.matched.has(node.id),
        dimmed: frame.dimmed.has(node.id),
        simple,
      },
      p,
    );
  }
  return visible.length;
}
