import { useCallback, useMemo, useRef, useState, type PointerEvent, type RefObject } from 'react';

/** A drag across the bars, in track pixels (0 = the left edge of the time track). */
export interface Brush {
  x0: number;
  x1: number;
}

const THRESHOLD_PX = 4;

/**
 * Brushing a time range by dragging across the bars. A press that moves less than a few
 * pixels stays a click (which selects a row); a longer one draws a band and, on release,
 * hands it over. The click that follows a brush is swallowed.
 */
export function useBrush(
  scroller: RefObject<HTMLDivElement | null>,
  labelWidth: number,
  trackWidth: number,
  onBrush: (brush: Brush) => void,
) {
  const start = useRef<{ id: number; x: number; y: number; active: boolean } | null>(null);
  const swallow = useRef(false);
  const [band, setBand] = useState<Brush | null>(null);

  const trackX = useCallback(
    (clientX: number) => {
      const left = scroller.current?.getBoundingClientRect().left ?? 0;
      return clientX - left - labelWidth;
    },
    [scroller, labelWidth],
  );

  const handlers = useMemo(
    () => ({
      onPointerDown(event: PointerEvent<HTMLDivElement>) {
        if (event.button !== 0 || event.pointerType === 'touch') return;
        const x = trackX(event.clientX);
        if (x < 0 || x > trackWidth) return;
        start.current = { id: event.pointerId, x, y: event.clientY, active: false };
      },
      onPointerMove(event: PointerEvent<HTMLDivElement>) {
        const s = start.current;
        if (!s || s.id !== event.pointerId) return;
        const x = trackX(event.clientX);
        if (!s.active) {
          if (Math.abs(x - s.x) < THRESHOLD_PX) return;
          s.active = true;
          event.currentTarget.setPointerCapture(event.pointerId);
        }
        const clamped = Math.max(0, Math.min(trackWidth, x));
        setBand({ x0: s.x, x1: clamped });
      },
      onPointerUp(event: PointerEvent<HTMLDivElement>) {
        const s = start.current;
        start.current = null;
        if (!s || s.id !== event.pointerId || !s.active) return;
        swallow.current = true;
        // The click, if any, comes right after; forget the flag if it never does.
        setTimeout(() => (swallow.current = false), 0);
        setBand(null);
        onBrush({ x0: s.x, x1: Math.max(0, Math.min(trackWidth, trackX(event.clientX))) });
      },
      onPointerCancel() {
        start.current = null;
        setBand(null);
      },
      onKeyDownCapture(event: { key: string }) {
        if (event.key === 'Escape' && start.current?.active) {
          start.current = null;
          setBand(null);
        }
      },
    }),
    [trackX, trackWidth, onBrush],
  );

  const consumeClick = useCallback(() => {
    const swallowed = swallow.current;
    swallow.current = false;
    return swallowed;
  }, []);

  const shown = band && {
    left: Math.min(band.x0, band.x1),
    width: Math.abs(band.x1 - band.x0),
  };
  return { handlers, band: shown, consumeClick };
}
