import { describe, expect, it } from 'vitest';
import { buildForest } from './hierarchy.ts';
import { makeProcess, ungrouped as display } from '../test/fixtures.ts';
import { layoutForest } from './layout.ts';
import { fitTransform } from './fit.ts';
import { EDGE, initialView, READABLE_SCALE } from './viewport.ts';

describe('fitTransform', () => {
  it('centers small content at 1:1', () => {
    const t = fitTransform({ minX: 0, minY: 0, maxX: 100, maxY: 50 }, 1000, 500);
    expect(t).toEqual({ k: 1, x: 450, y: 225 });
  });

  it('scales large content down to fit inside the padding', () => {
    const t = fitTransform({ minX: 0, minY: 0, maxX: 2000, maxY: 100 }, 1096, 600, 48);
    expect(t.k).toBeCloseTo(0.5);
  });
});

describe('initialView', () => {
  const wide = layoutForest(
    display(
      buildForest(
        Array.from({ length: 60 }, (_, i) =>
          makeProcess({ execId: `p${i}`, parentExecId: i === 0 ? null : 'p0' }),
        ),
      ),
    ),
  );

  it('fits a tree that stays readable', () => {
    const small = layoutForest(display(buildForest([makeProcess({ execId: 'only' })])));
    expect(initialView(small, 800, 600, null).k).toBe(1);
  });

  it('centers the selected process vertically when the tree is too tall to read whole', () => {
    const view = initialView(wide, 800, 600, 'p30');
    const node = wide.byId.get('p30');
    expect(view.k).toBe(READABLE_SCALE);
    const cy = ((node?.y ?? 0) + wide.options.nodeHeight / 2) * view.k + view.y;
    expect(cy).toBeCloseTo(300);
    // Two columns fit across 800 px: the tree is centred horizontally, roots stay visible.
    const left = wide.bounds.minX * view.k + view.x;
    const right = wide.bounds.maxX * view.k + view.x;
    expect(left).toBeCloseTo(800 - right);
    expect(left).toBeGreaterThan(0);
  });

  it('keeps the left edge of a wide tree in view when centring a deep selection', () => {
    const chain = layoutForest(
      display(
        buildForest(
          Array.from({ length: 30 }, (_, i) =>
            makeProcess({ execId: `c${i}`, parentExecId: i === 0 ? null : `c${i - 1}` }),
          ).concat(
            Array.from({ length: 40 }, (_, i) =>
              makeProcess({ execId: `leaf${i}`, parentExecId: 'c0', binary: `/bin/b${i}` }),
            ),
          ),
        ),
      ),
    );
    const shallow = initialView(chain, 800, 600, 'c1');
    expect(chain.bounds.minX * shallow.k + shallow.x).toBeCloseTo(EDGE);
    const deep = initialView(chain, 800, 600, 'c29');
    const node = chain.byId.get('c29');
    expect(((node?.x ?? 0) + chain.options.nodeWidth / 2) * deep.k + deep.x).toBeLessThan(800);
    expect(chain.bounds.maxX * deep.k + deep.x).toBeCloseTo(800 - EDGE);
  });

  it('starts at the first root, at the left edge, without a selection', () => {
    const view = initialView(wide, 800, 600, null);
    const root = wide.nodes[0];
    expect(view.k).toBe(READABLE_SCALE);
    expect(wide.bounds.minX * view.k + view.x).toBeCloseTo(EDGE);
    expect(((root?.y ?? 0) + wide.options.nodeHeight / 2) * view.k + view.y).toBeCloseTo(300);
  });
});
