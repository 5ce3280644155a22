/**
 * Keyboard movement in the graph, tree-view style: Up/Down walk the nodes in depth-first
 * order, Left goes to the parent, Right to the first child, Home/End to the ends.
 */
import type { GraphLayout } from './layout.ts';

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export function isNavKey(key: string): key is NavKey {
  return ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(key);
}

export function nextFocus(layout: GraphLayout, current: string | null, key: NavKey): string | null {
  const { nodes, byId } = layout;
  if (nodes.length === 0) return null;
  const first = nodes[0]?.id ?? null;
  const last = nodes[nodes.length - 1]?.id ?? null;
  const node = current === null ? undefined : byId.get(current);
  if (!node) return key === 'End' ? last : first;
  switch (key) {
    case 'Home':
      return first;
    case 'End':
      return last;
    case 'ArrowLeft':
      return node.parentId ?? node.id;
    case 'ArrowRight':
      return node.childIds[0] ?? node.id;
    case 'ArrowUp':
    case 'ArrowDown': {
      const index = nodes.indexOf(node);
      const next = nodes[index + (key === 'ArrowDown' ? 1 : -1)];
      return next ? next.id : node.id;
    }
  }
}
