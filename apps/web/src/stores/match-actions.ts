import { selectProcess, useUiStore } from './ui-store.ts';
import { explorerViewNow } from './use-explorer-view.ts';
import { treeOrder } from '../view/explorer-view.ts';
import { stepMatch, type Direction } from '../view/match-nav.ts';

/**
 * Selects the next (or previous) search match of the open group in tree order. Selecting
 * is all it takes: the graph and the timeline open the closed nodes on the way to the
 * selection and bring it into view.
 */
export function stepToMatch(direction: Direction): string | null {
  const view = explorerViewNow();
  if (view.matches.length === 0) return null;
  let position: Map<string, number> | null = null;
  const positionOf = (id: string) => {
    if (position === null) {
      position = new Map();
      treeOrder(view.forest).forEach((x, i) => position?.set(x, i));
    }
    return position.get(id);
  };
  const next = stepMatch(view.matches, useUiStore.getState().exec, direction, positionOf);
  if (next !== null) selectProcess(next);
  return next;
}
