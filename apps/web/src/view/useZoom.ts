/**
 * d3-zoom owns pointer input and the transform, on an <svg> or a <canvas> alike. Each
 * change goes to `onTransform`, which writes it straight onto the viewport <g> or schedules
 * a canvas frame, so panning never re-renders React. Programmatic moves (fit, center) are
 * animated with a small rAF tween through the same behaviour.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type RefObject } from 'react';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import type { Bounds } from './layout.ts';
import { fitTransform, MAX_SCALE, MIN_SCALE } from './fit.ts';
import type { View } from './viewport.ts';

export interface ZoomControls {
  /** Current size of the zoomed element in CSS pixels. */
  size(): { width: number; height: number };
  setView(view: View, animate?: boolean): void;
  zoomBy(factor: number): void;
  /** Scale and center so that `bounds` fills the view (never above 1:1). */
  fit(bounds: Bounds, animate?: boolean): void;
  /** Pan so that graph point (x, y) is at the view's center, keeping the scale. */
  centerOn(x: number, y: number, animate?: boolean): void;
  /** Pan only if the rectangle is (partly) outside the view. */
  reveal(bounds: Bounds): void;
}

const ease = (t: number) => 1 - Math.pow(1 - t, 3);

export function useZoom(
  targetRef: RefObject<Element | null>,
  onTransform: (transform: ZoomTransform) => void,
): ZoomControls {
  const behaviorRef = useRef<ZoomBehavior<Element, unknown> | null>(null);
  const tweenRef = useRef<number | null>(null);
  const onTransformRef = useRef(onTransform);

  useEffect(() => {
    onTransformRef.current = onTransform;
  }, [onTransform]);

  // A layout effect, so the behaviour exists before the caller's own layout effects frame
  // the first tree (effects run in declaration order, layout effects before passive ones).
  useLayoutEffect(() => {
    const target = targetRef.current;
    if (!target) return;
    const behavior = zoom<Element, unknown>()
      .scaleExtent([MIN_SCALE, MAX_SCALE])
      .on('zoom', (event: { transform: ZoomTransform }) => {
        onTransformRef.current(event.transform);
      });
    const selection = select(target);
    selection.call(behavior).on('dblclick.zoom', null);
    behaviorRef.current = behavior;
    return () => {
      if (tweenRef.current !== null) cancelAnimationFrame(tweenRef.current);
      selection.on('.zoom', null);
      behaviorRef.current = null;
    };
  }, [targetRef]);

  const apply = useCallback(
    (goal: { x: number; y: number; k: number }, animate: boolean) => {
      const target = targetRef.current;
      const behavior = behaviorRef.current;
      if (!target || !behavior) return;
      const selection = select(target);
      if (tweenRef.current !== null) cancelAnimationFrame(tweenRef.current);
      const to = zoomIdentity.translate(goal.x, goal.y).scale(goal.k);
      const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
      if (!animate || reduced || typeof requestAnimationFrame !== 'function') {
        behavior.transform(selection, to);
        return;
      }
      const from = zoomTransform(target);
      const start = performance.now();
      const duration = 280;
      const step = (now: number) => {
        const t = ease(Math.min(1, (now - start) / duration));
        behavior.transform(
          selection,
          zoomIdentity
            .translate(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t)
            .scale(from.k + (to.k - from.k) * t),
        );
        tweenRef.current = t < 1 ? requestAnimationFrame(step) : null;
      };
      tweenRef.current = requestAnimationFrame(step);
    },
    [targetRef],
  );

  return useMemo<ZoomControls>(() => {
    const size = () => {
      const target = targetRef.current;
      return { width: target?.clientWidth ?? 0, height: target?.clientHeight ?? 0 };
    };
    const centerOn = (x: number, y: number, animate = true) => {
      const target = targetRef.current;
      if (!target) return;
      const { width, height } = size();
      const k = zoomTransform(target).k;
      apply({ x: width / 2 - x * k, y: height / 2 - y * k, k }, animate);
    };
    return {
      size,
      setView: (view, animate = true) => apply(view, animate),
      centerOn,
      zoomBy(factor) {
        const target = targetRef.current;
        if (!target) return;
        const { width, height } = size();
        const current = zoomTransform(target);
        const k = Math.min(MAX_SCALE, Math.max(MIN_SCALE, current.k * factor));
        // Keep the view's center fixed.
        const cx = (width / 2 - current.x) / current.k;
        const cy = (height / 2 - current.y) / current.k;
        apply({ x: width / 2 - cx * k, y: height / 2 - cy * k, k }, true);
      },
      fit(bounds, animate = true) {
        const { width, height } = size();
        if (width === 0 || height === 0) return;
        apply(fitTransform(bounds, width, height), animate);
      },
      reveal(bounds) {
        const target = targetRef.current;
        if (!target) return;
        const { width, height } = size();
        if (width === 0 || height === 0) return;
        const t = zoomTransform(target);
        const margin = 24;
        const left = bounds.minX * t.k + t.x;
        const right = bounds.maxX * t.k + t.x;
        const top = bounds.minY * t.k + t.y;
        const bottom = bounds.maxY * t.k + t.y;
        if (
          left >= margin &&
          right <= width - margin &&
          top >= margin &&
          bottom <= height - margin
        ) {
          return;
        }
        centerOn((bounds.minX + bounds.maxX) / 2, (bounds.minY + bounds.maxY) / 2);
      },
    };
  }, [apply, targetRef]);
}
