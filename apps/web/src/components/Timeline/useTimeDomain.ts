import { useCallback, useMemo, useState } from 'react';
import { zoomDomain, type Domain } from '../../view/timeline-scale.ts';

interface Manual {
  /** The view the user zoomed or panned to is for this key (group and range). */
  key: string;
  domain: Domain;
  /** When the window showed "now", it keeps its distance to it: it follows the live edge. */
  followOffset: number | null;
}

export interface TimeDomain {
  domain: Domain;
  /** True until the user zooms or pans; then the window stays where they put it. */
  fitted: boolean;
  set(domain: Domain): void;
  zoom(focusMs: number, factor: number): void;
  reset(): void;
}

/**
 * The visible time window. It fits the data (or the brushed range) until the user zooms or
 * pans; a window that includes "now" then slides along with it so live bars stay in view.
 * Switching group or range returns to fitting.
 */
export function useTimeDomain(fit: Domain, now: number, key: string): TimeDomain {
  const [manual, setManual] = useState<Manual | null>(null);
  const active = manual !== null && manual.key === key ? manual : null;

  const domain = useMemo<Domain>(() => {
    if (active === null) return fit;
    if (active.followOffset === null) return active.domain;
    const span = active.domain[1] - active.domain[0];
    const end = now + active.followOffset;
    return [end - span, end];
  }, [active, fit, now]);

  const set = useCallback(
    (next: Domain) => {
      setManual({ key, domain: next, followOffset: next[1] >= now ? next[1] - now : null });
    },
    [key, now],
  );

  const zoom = useCallback(
    (focusMs: number, factor: number) => set(zoomDomain(domain, focusMs, factor)),
    [domain, set],
  );

  const reset = useCallback(() => setManual(null), []);

  return { domain, fitted: active === null, set, zoom, reset };
}
