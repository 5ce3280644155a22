/**
 * Hooks that derive what the explorer shows from the stores. The derivations are pure
 * (view/explorer-view.ts, view/explorer-display.ts) and cached by input identity, so the
 * graph, the timeline and the search bar share one computation per change. The live
 * bridge derives a commit ahead of the render that shows it (prepareExplorer), so the
 * derivation stages and the render run as separate tasks instead of one long one.
 */
import { useLiveStore } from './live-store.ts';
import { selectReveal, useUiStore } from './ui-store.ts';
import { useExplorerStore } from './explorer-store.ts';
import { memoizeRecent } from '../view/memo.ts';
import { deriveExplorerView, type ExplorerView } from '../view/explorer-view.ts';
import { displayForest } from '../view/explorer-display.ts';
import type { Display } from '../view/grouping.ts';
import { layoutForest, type GraphLayout } from '../view/layout.ts';
import type { Process } from '@exectree/domain';
import type { SearchQuery } from '../view/search-query.ts';
import type { TimeRange } from '../view/time-range.ts';

const explorerViewOf = memoizeRecent(
  (
    processes: ReadonlyMap<string, Process>,
    query: SearchQuery,
    range: TimeRange | null,
    onlyMatches: boolean,
  ): ExplorerView => deriveExplorerView({ processes, query, range, onlyMatches }),
);

/** The open group's processes after the time range and search apply, and the matches. */
export function useExplorerView(): ExplorerView {
  const processes = useLiveStore((s) => s.tree.processes);
  const query = useExplorerStore((s) => s.query);
  const range = useExplorerStore((s) => s.range);
  const onlyMatches = useExplorerStore((s) => s.onlyMatches);
  return explorerViewOf(processes, query, range, onlyMatches);
}

/** The same view outside React (keyboard shortcuts, actions). */
export function explorerViewNow(): ExplorerView {
  const { query, range, onlyMatches } = useExplorerStore.getState();
  return explorerViewOf(useLiveStore.getState().tree.processes, query, range, onlyMatches);
}

/** The processes to draw: all of them unless a time range or "only matches" narrows them. */
export function useVisibleProcesses(): ReadonlyMap<string, Process> {
  return useExplorerView().visible;
}

const displayOf = memoizeRecent(
  (
    view: ExplorerView,
    showProbes: boolean,
    expanded: ReadonlySet<string>,
    collapsed: ReadonlySet<string>,
    reveal: string | null,
    selected: string | null,
  ): Display => displayForest(view.forest, { showProbes, expanded, collapsed, reveal, selected }),
);

/** The drawn items, as the graph draws them (components/ProcessGraph/useGraphModel.ts). */
export function useDisplay(): Display {
  const view = useExplorerView();
  const showProbes = useUiStore((s) => s.showProbes);
  const expanded = useUiStore((s) => s.expanded);
  const collapsed = useUiStore((s) => s.collapsed);
  const reveal = useUiStore(selectReveal);
  const selected = useUiStore((s) => s.exec);
  return displayOf(view, showProbes, expanded, collapsed, reveal, selected);
}

const layoutOf = memoizeRecent((display: Display): GraphLayout => layoutForest(display.roots));

/** The tidy-tree layout of the drawn items (components/ProcessGraph/useGraphModel.ts). */
export function useGraphLayout(): GraphLayout {
  return layoutOf(useDisplay());
}

/**
 * Steps that derive view, display and layout for `processes` with the current search,
 * range and folds, so that the render committing these processes finds them computed.
 * The live bridge runs each step in a task of its own (live/ingest.ts); steps skipped
 * because the next commit came first are simply computed by the render.
 */
export function prepareExplorer(processes: ReadonlyMap<string, Process>): (() => void)[] {
  let view: ExplorerView | null = null;
  let display: Display | null = null;
  return [
    () => {
      const { query, range, onlyMatches } = useExplorerStore.getState();
      view = explorerViewOf(processes, query, range, onlyMatches);
    },
    () => {
      if (view === null) return;
      const ui = useUiStore.getState();
      display = displayOf(
        view,
        ui.showProbes,
        ui.expanded,
        ui.collapsed,
        selectReveal(ui),
        ui.exec,
      );
    },
    () => {
      if (display !== null) layoutOf(display);
    },
  ];
}
