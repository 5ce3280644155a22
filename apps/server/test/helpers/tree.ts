import type { ProcessTreeNode } from '@exectree/domain';

/** Depth-first search of a tree response for the first node matching `match`. */
export function findNode(
  nodes: readonly ProcessTreeNode[],
  match: (node: ProcessTreeNode) => boolean,
): ProcessTreeNode | undefined {
  for (const node of nodes) {
    if (match(node)) return node;
    const found = findNode(node.children, match);
    if (found) return found;
  }
  return undefined;
}
