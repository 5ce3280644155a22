/**
 * Keyboard movement in the graph, following the ARIA tree pattern: Up/Down walk the drawn
 * nodes in depth-first order, Right opens a closed node or goes to its first child, Left
 * closes an open node or goes to its parent, Home/End go to the ends.
 */
import type { GraphLayout } from './layout.ts';

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export type NavAction =
  { kind: 'focus'; id: string } | { kind: 'toggle'; id: string; open: boolean };

export function isNavKey(key: string): key is NavKey {
  return ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(key);
}

export function navigate(
  layout: GraphLayout,
  current: string | null,
  key: NavKey,
): NavAction | null {
  const { nodes, byId } = layout;
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (!first || !last) return null;
  const node = current === null ? undefined : byId.get(current);
  if (!node) return { kind: 'focus', id: key === 'End' ? last.id : first.id };
  const item = node.item;
  const focus = (id: string | null | undefined): NavAction => ({
    kind: 'focus',
    id: id ?? node.id,
  });
  switch (key) {
    case 'Home':
      return focus(first.id);
    case 'End':
      return focus(last.id);
    case 'ArrowLeft':
      if (item.open && item.childCount > 0) return { kind: 'toggle', id: node.id, open: false };
      return focus(node.parentId);
    case 'ArrowRight':
      if (!item.open && item.childCount > 0) return { kind: 'toggle', id: node.id, open: true };
      return focus(node.childIds[0]);
    case 'ArrowUp':
    case 'ArrowDown': {
      const index = layout.indexOf.get(node.id) ?? nodes.indexOf(node);
      return focus(nodes[index + (key === 'ArrowDown' ? 1 : -1)]?.id);
    }
  }
}
