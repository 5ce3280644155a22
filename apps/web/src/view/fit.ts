import type { Bounds } from './layout.ts';

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 2;

/** The transform that fits `bounds` into a width × height view with padding, never above 1:1. */
export function fitTransform(
  bounds: Bounds,
  width: number,
  height: number,
  padding = 48,
): { x: number; y: number; k: number } {
  const w = Math.max(1, bounds.maxX - bounds.minX);
  const h = Math.max(1, bounds.maxY - bounds.minY);
  const k = Math.min(
    1,
    Math.max(MIN_SCALE, Math.min((width - padding * 2) / w, (height - padding * 2) / h)),
  );
  const x = (width - w * k) / 2 - bounds.minX * k;
  const y = (height - h * k) / 2 - bounds.minY * k;
  return { x, y, k };
}
