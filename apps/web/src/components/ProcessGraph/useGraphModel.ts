import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useLiveStore } from '../../stores/live-store.ts';
import { resetExpansion, setExpansion, useUiStore } from '../../stores/ui-store.ts';
import { useDisplay, useExplorerView, useGraphLayout } from '../../stores/use-explorer-view.ts';
import { toggleExpansion } from '../../view/expansion.ts';
import { isExecProbe } from '../../view/findings.ts';
import { liveCounter } from '../../view/live-count.ts';
import type { Display } from '../../view/grouping.ts';
import type { GraphLayout } from '../../view/layout.ts';

export interface GraphModel {
  layout: GraphLayout;
  display: Display;
  showProbes: boolean;
  /** Exec-probe processes left out (0 while they are shown). */
  hiddenProbes: number;
  /** Exec-probe processes in the group at all. */
  probes: number;
  /** Search matches and context-only ancestors, as drawn node ids (for the canvas). */
  matched: ReadonlySet<string>;
  dimmed: ReadonlySet<string>;
  onToggle: (id: string, open: boolean) => void;
  onReset: (() => void) | null;
}

const NONE: ReadonlySet<string> = new Set();

const countProbes = liveCounter(isExecProbe);

/**
 * From the open group's processes to positioned nodes. The display (time range and search
 * applied, exec probes left out, exec chains joined into lanes, repeats folded, the user's
 * folds applied) is shared with the timeline (stores/use-explorer-view.ts); the tidy-tree
 * layout is the graph's own.
 */
export function useGraphModel(): GraphModel {
  const processes = useLiveStore((s) => s.tree.processes);
  const showProbes = useUiStore((s) => s.showProbes);
  const expanded = useUiStore((s) => s.expanded);
  const collapsed = useUiStore((s) => s.collapsed);
  const view = useExplorerView();
  const display = useDisplay();
  const layout = useGraphLayout();

  const probes = countProbes(processes);
  // Every visible process is drawn or folded into a drawn node, except hidden probes.
  const hiddenProbes = showProbes ? 0 : Math.max(0, view.visible.size - display.locate.size);

  const matched = useMemo(() => {
    if (view.matches.length === 0) return NONE;
    return new Set(view.matches.map((id) => display.locate.get(id) ?? id));
  }, [view, display]);
  const dimmed = useMemo(() => {
    if (view.context.size === 0) return NONE;
    return new Set([...view.context].filter((id) => display.locate.get(id) === id));
  }, [view, display]);

  // Read by the toggle, which stays the same function so unchanged cards skip rendering.
  const forcedOpen = useRef(display.forcedOpen);
  useLayoutEffect(() => {
    forcedOpen.current = display.forcedOpen;
  }, [display]);
  const onToggle = useCallback((id: string, open: boolean) => {
    const state = useUiStore.getState();
    const next = toggleExpansion(state, id, open, forcedOpen.current);
    setExpansion(next.expanded, next.collapsed);
  }, []);

  return {
    layout,
    display,
    showProbes,
    hiddenProbes,
    probes,
    matched,
    dimmed,
    onToggle,
    onReset: expanded.size > 0 || collapsed.size > 0 ? resetExpansion : null,
  };
}
