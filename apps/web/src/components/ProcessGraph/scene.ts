import type { ReactNode, RefObject } from 'react';
import type { GraphLayout } from '../../view/layout.ts';
import type { ZoomControls } from '../../view/useZoom.ts';
import type { View } from '../../view/viewport.ts';

/** What the SVG and the canvas renderer both get from GraphView. */
export interface GraphSceneProps {
  groupKey: string;
  title: string;
  layout: GraphLayout;
  /** The selected exec id, and the id of the drawn node that shows it. */
  selectedExec: string | null;
  selectedNode: string | null;
  /** Node ids on the way from the root to the selected node, which included. */
  highlighted: ReadonlySet<string>;
  /** The node keyboard focus is on (the one reachable with Tab). */
  focused: string | null;
  /** Search matches (ringed) and context-only nodes (drawn quieter), as node ids. */
  matched: ReadonlySet<string>;
  dimmed: ReadonlySet<string>;
  onActivate: (nodeId: string, execId: string | null) => void;
  onToggle: (nodeId: string, open: boolean) => void;
  /** Keyboard focus moved to a node. */
  onMoveFocus: (nodeId: string) => void;
  /** A node received DOM focus (click, Tab). */
  onFocusNode: (nodeId: string) => void;
  /** Toolbar and legend, given the renderer's zoom and its current scale. */
  chrome: (zoom: ZoomControls, scale: number) => ReactNode;
  /** The camera, kept across a switch between renderers. */
  cameraRef: RefObject<View | null>;
}
