/**
 * SVG up to about 1,500 drawn nodes, canvas beyond (jaeger RFC 0008 puts SVG's limit in
 * the low thousands). The gap between the two thresholds keeps a live tree that hovers
 * around the limit from switching back and forth.
 */
export type Renderer = 'svg' | 'canvas';

export const CANVAS_ABOVE = 1_500;
export const SVG_BELOW = 1_200;

export function chooseRenderer(nodes: number, current: Renderer): Renderer {
  if (current === 'svg') return nodes > CANVAS_ABOVE ? 'canvas' : 'svg';
  return nodes < SVG_BELOW ? 'svg' : 'canvas';
}
