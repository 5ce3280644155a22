import type { KeyboardEvent } from 'react';
import { isNavKey, navigate } from '../../view/graph-nav.ts';
import type { GraphLayout } from '../../view/layout.ts';
import type { ZoomControls } from '../../view/useZoom.ts';

interface GraphKeyContext {
  layout: GraphLayout;
  current: string | null;
  zoom: ZoomControls;
  moveFocus: (id: string) => void;
  onToggle: (id: string, open: boolean) => void;
  onActivate: (id: string, execId: string | null) => void;
}

/** Arrows, Home/End, Enter/Space and the zoom keys; shared by both renderers. */
export function handleGraphKey(event: KeyboardEvent, ctx: GraphKeyContext): void {
  const { layout, current } = ctx;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (isNavKey(event.key)) {
    event.preventDefault();
    const action = navigate(layout, current, event.key);
    if (action?.kind === 'focus') ctx.moveFocus(action.id);
    else if (action?.kind === 'toggle') ctx.onToggle(action.id, action.open);
    return;
  }
  if ((event.key === 'Enter' || event.key === ' ') && current !== null) {
    event.preventDefault();
    ctx.onActivate(current, null);
  } else if (event.key === '+' || event.key === '=') {
    ctx.zoom.zoomBy(1.25);
  } else if (event.key === '-' || event.key === '_') {
    ctx.zoom.zoomBy(0.8);
  } else if (event.key === '0') {
    ctx.zoom.fit(layout.bounds);
  }
}
