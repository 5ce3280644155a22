/**
 * Whether two display items draw the same card. The display tree is rebuilt on every live
 * update, so items are new objects even when nothing about them changed; cards compare
 * what they show instead, and unchanged cards skip rendering.
 */
import type { DisplayNode } from './grouping.ts';
import { sameList } from './same-list.ts';

export function sameItem(a: DisplayNode, b: DisplayNode): boolean {
  if (a === b) return true;
  if (
    a.id !== b.id ||
    a.open !== b.open ||
    a.childCount !== b.childCount ||
    a.rootReason !== b.rootReason
  ) {
    return false;
  }
  if (a.kind === 'process' && b.kind === 'process') {
    return (
      a.descendants === b.descendants &&
      a.flaggedDescendants === b.flaggedDescendants &&
      sameList(a.images, b.images)
    );
  }
  if (a.kind === 'group' && b.kind === 'group') {
    return a.flagged === b.flagged && a.size === b.size && sameList(a.outcomes, b.outcomes);
  }
  return false;
}
