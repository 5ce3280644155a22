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
  /** Ids of repeated-sibling groups the user expanded (see view/grouping.ts). */
  expanded: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

export const useUiStore = create<UiState>()(() => ({
  group: null,
  exec: null,
  podFilter: '',
  expanded: NONE,
}));

export type UiStoreApi = typeof useUiStore;

export function selectGroup(group: string | null): void {
  const state = useUiStore.getState();
  if (state.group === group) return;
  useUiStore.setState({ group, exec: null, expanded: NONE });
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

export function expandGroup(id: string): void {
  const { expanded } = useUiStore.getState();
  if (expanded.has(id)) return;
  useUiStore.setState({ expanded: new Set([...expanded, id]) });
}

export function collapseGroups(): void {
  if (useUiStore.getState().expanded.size > 0) useUiStore.setState({ expanded: NONE });
}
