/**
 * The cold store: what the user is looking at. Group and selection mirror the URL
 * (see url/url-sync.ts); the filter text is local to the session.
 */
import { create } from 'zustand';

export interface UiState {
  /** Group key, e.g. "pod/default/xwing". */
  group: string | null;
  /** Selected exec_id; the detail panel is open while it is set. */
  exec: string | null;
  podFilter: string;
  /** Ids of repeated-sibling groups the user opened (see view/grouping.ts, view/expansion.ts). */
  expanded: ReadonlySet<string>;
  /** Ids of graph nodes the user collapsed (processes start expanded, groups collapsed). */
  collapsed: ReadonlySet<string>;
  /** Show processes Kubernetes exec probes ran (hidden by default: they bury the tree). */
  showProbes: boolean;
  /**
   * The user opened or closed nodes since the selection last changed: stop forcing the
   * path to the selected process open (see selectReveal).
   */
  revealOff: boolean;
}

const NONE: ReadonlySet<string> = new Set();

export const useUiStore = create<UiState>()(() => ({
  group: null,
  exec: null,
  podFilter: '',
  expanded: NONE,
  collapsed: NONE,
  showProbes: false,
  revealOff: false,
}));

export type UiStoreApi = typeof useUiStore;

// Every new selection is revealed, however it was made (click, link, URL, Back).
useUiStore.subscribe((state, previous) => {
  if (state.exec !== previous.exec && state.revealOff) useUiStore.setState({ revealOff: false });
});

/**
 * The process whose path the graph and the timeline keep open: the selection, until the
 * user folds something.
 */
export function selectReveal(state: UiState): string | null {
  return state.revealOff ? null : state.exec;
}

export function selectGroup(group: string | null): void {
  const state = useUiStore.getState();
  if (state.group === group) return;
  useUiStore.setState({ group, exec: null, expanded: NONE, collapsed: NONE });
}

/** Selects a process; when its group is known and differs, the view follows it there. */
export function selectProcess(exec: string | null, group?: string | null): void {
  const state = useUiStore.getState();
  const nextGroup = group ?? state.group;
  if (state.exec === exec && state.group === nextGroup) return;
  useUiStore.setState({ exec, group: nextGroup });
}

export function closeDetails(): void {
  if (useUiStore.getState().exec !== null) useUiStore.setState({ exec: null });
}

export function setPodFilter(podFilter: string): void {
  useUiStore.setState({ podFilter });
}

/** The user's open/closed choices; the caller has already made forced-open nodes explicit. */
export function setExpansion(expanded: ReadonlySet<string>, collapsed: ReadonlySet<string>): void {
  useUiStore.setState({ expanded, collapsed, revealOff: true });
}

export function resetExpansion(): void {
  const { expanded, collapsed } = useUiStore.getState();
  if (expanded.size > 0 || collapsed.size > 0)
    useUiStore.setState({ expanded: NONE, collapsed: NONE });
}

export function setShowProbes(showProbes: boolean): void {
  useUiStore.setState({ showProbes });
}
