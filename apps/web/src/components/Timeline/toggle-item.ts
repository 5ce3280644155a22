import { setExpansion, useUiStore } from '../../stores/ui-store.ts';
import { toggleExpansion } from '../../view/expansion.ts';
import type { DisplayNode } from '../../view/grouping.ts';

/** Opens or closes an item exactly as its caret in the graph does. */
export function toggleItem(item: DisplayNode, forcedOpen: readonly string[]): void {
  const next = toggleExpansion(useUiStore.getState(), item.id, !item.open, forcedOpen);
  setExpansion(next.expanded, next.collapsed);
}
