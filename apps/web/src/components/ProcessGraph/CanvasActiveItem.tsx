import { useMemo } from 'react';
import { cardModel } from '../../view/card-model.ts';
import type { LayoutNode } from '../../view/layout.ts';

interface CanvasActiveItemProps {
  id: string;
  node: LayoutNode;
  selectedExec: string | null;
  width: number;
  height: number;
}

/**
 * The canvas has no element per node; this visually hidden treeitem stands for the focused
 * one, so screen readers announce it through the tree's aria-activedescendant.
 */
export function CanvasActiveItem({ id, node, selectedExec, width, height }: CanvasActiveItemProps) {
  const item = node.item;
  const label = useMemo(() => cardModel(item, width, height).label, [item, width, height]);
  const selected =
    selectedExec !== null &&
    item.kind === 'process' &&
    item.images.some((image) => image.execId === selectedExec);
  return (
    <div
      id={id}
      role="treeitem"
      className="visually-hidden"
      aria-level={node.depth + 1}
      aria-expanded={item.childCount > 0 ? item.open : undefined}
      aria-selected={selected}
      aria-label={label}
      data-testid="canvas-active-item"
      data-node-id={node.id}
      data-exec-id={item.kind === 'process' ? item.process.execId : item.id}
    />
  );
}
