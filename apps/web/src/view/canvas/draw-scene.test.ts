import { describe, expect, it } from 'vitest';
import { at, makeProcess, ungrouped } from '../../test/fixtures.ts';
import { buildForest } from '../hierarchy.ts';
import { layoutForest } from '../layout.ts';
import { buildSpatialIndex } from '../spatial-index.ts';
import { drawScene, SIMPLE_BELOW, type CanvasFrame } from './draw-scene.ts';
import type { Palette } from './palette.ts';

/** A 2D context that records fillText calls and accepts everything else. */
function recorder() {
  const texts: string[] = [];
  const ctx = new Proxy(
    {},
    {
      get: (_target, prop) =>
        prop === 'fillText' ? (text: string) => texts.push(text) : () => undefined,
      set: () => true,
    },
  ) as unknown as CanvasRenderingContext2D;
  return { ctx, texts };
}

const tone = { fg: '#000', bg: '#fff', bar: '#000' };
const palette = new Proxy(
  { tones: { running: tone, ok: tone, warn: tone, danger: tone, muted: tone } },
  { get: (target, prop) => (prop in target ? target[prop as 'tones'] : '#123456') },
) as unknown as Palette;

const layout = layoutForest(
  ungrouped(
    buildForest([
      makeProcess({ execId: 'root', binary: '/srv/root' }),
      ...Array.from({ length: 200 }, (_, i) =>
        makeProcess({
          execId: `c${i}`,
          parentExecId: 'root',
          binary: i === 0 ? '/tmp/<img src=x onerror=alert(1)>' : `/bin/c${i}`,
          startTime: at(i + 1),
        }),
      ),
    ]),
  ),
);

function frame(k: number): CanvasFrame {
  const first = layout.byId.get('c0');
  return {
    width: 800,
    height: 400,
    dpr: 1,
    transform: { x: 40 - (first?.x ?? 0) * k + 300, y: 20 - (first?.y ?? 0) * k, k },
    selectedExec: null,
    selectedNode: null,
    highlighted: new Set(),
    hovered: null,
    matched: new Set(),
    dimmed: new Set(),
  };
}

describe('drawScene', () => {
  it('draws only the cards in view, their text as given', () => {
    const { ctx, texts } = recorder();
    const cache = { index: buildSpatialIndex(layout), models: new WeakMap() };
    const drawn = drawScene(ctx, layout, cache, frame(1), palette);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(20);
    expect(texts.some((t) => t.startsWith('<img src=x onerr'))).toBe(true);
  });

  it('leaves text out below a readable scale', () => {
    const { ctx, texts } = recorder();
    const cache = { index: buildSpatialIndex(layout), models: new WeakMap() };
    const drawn = drawScene(ctx, layout, cache, frame(SIMPLE_BELOW / 2), palette);
    expect(drawn).toBeGreaterThan(10);
    expect(texts).toEqual([]);
  });
});
