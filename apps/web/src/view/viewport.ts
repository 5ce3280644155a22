/** Where the camera starts when a tree is first shown. Pure, so it can be tested. */
import type { GraphLayout } from './layout.ts';
import { fitTransform } from './fit.ts';

export interface View {
  x: number;
  y: number;
  k: number;
}

/** Below this, text is hard to read: show a readable part instead of the whole tree. */
export const MIN_READABLE_SCALE = 0.7;
export const READABLE_SCALE = 0.9;
/** Margin between the view's edge and the tree when it does not fit. */
export const EDGE = 40;

export function initialView(
  layout: GraphLayout,
  width: number,
  height: number,
  focusId: string | null,
): View {
  const fit = fitTransform(layout.bounds, width, height);
  const focus = focusId === null ? undefined : layout.byId.get(focusId);
  // When the whole tree is readable, show all of it, selection or not.
  if (fit.k >= MIN_READABLE_SCALE) return fit;
  const k = READABLE_SCALE;
  const { nodeWidth, nodeHeight } = layout.options;
  if (focus) {
    const cx = focus.x + nodeWidth / 2;
    const cy = focus.y + nodeHeight / 2;
    const { minX, maxX } = layout.bounds;
    const treeWidth = (maxX - minX) * k;
    let x: number;
    if (treeWidth <= width - 2 * EDGE) {
      // The tree fits across: centre it horizontally, the selection only vertically.
      x = (width - treeWidth) / 2 - minX * k;
    } else {
      // Show the tree from its left edge when the selection still fits that way; otherwise
      // centre the selection, without leaving empty space past the tree's right edge.
      const leftAligned = EDGE - minX * k;
      const focusFits = width - EDGE - (focus.x + nodeWidth) * k;
      x =
        leftAligned <= focusFits
          ? leftAligned
          : Math.max(width / 2 - cx * k, width - EDGE - maxX * k);
    }
    return { x, y: height / 2 - cy * k, k };
  }
  // No selection: the first root at the left edge, vertically centred (a tidy tree centres
  // parents over their children, so the top-left corner may show children without a parent).
  const first = layout.nodes[0];
  const fy = first ? first.y + nodeHeight / 2 : (layout.bounds.minY + layout.bounds.maxY) / 2;
  return { x: EDGE - layout.bounds.minX * k, y: height / 2 - fy * k, k };
}
