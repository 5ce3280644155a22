/**
 * Exec without fork (`sh -c 'exec nginx'`) keeps the pid and replaces the image: Tetragon
 * reports the new image as a child of the old one. Drawn as parent and child, the chain
 * reads as two processes; it is one process running two programs. A lane joins the
 * consecutive images of one pid into one node, and the children of every image hang below it.
 */
import type { Process } from '@exectree/domain';
import type { ProcessNode, RootReason } from './hierarchy.ts';

export interface LaneNode {
  /** The first image's exec id: stable while the chain grows. */
  id: string;
  /** The images in exec order; the last one is the process as it is now. */
  images: Process[];
  children: LaneNode[];
  rootReason: RootReason | null;
}

/** The child that replaced `node`'s image, if it is in the tree. */
function successorOf(node: ProcessNode): ProcessNode | undefined {
  const { state, replacedBy, pid } = node.process;
  if (state !== 'replaced' || replacedBy === null) return undefined;
  return node.children.find(
    (child) => child.process.execId === replacedBy && (pid === null || child.process.pid === pid),
  );
}

export function lastImage(lane: LaneNode): Process {
  return lane.images[lane.images.length - 1] as Process;
}

export function buildLanes(roots: readonly ProcessNode[]): LaneNode[] {
  const top: LaneNode[] = [];
  // Breadth-first with a queue: deep trees must not overflow the stack, and each lane's
  // children are appended in order.
  const queue: [ProcessNode, LaneNode[]][] = roots.map((root) => [root, top]);
  for (let i = 0; i < queue.length; i += 1) {
    const [head, out] = queue[i] as [ProcessNode, LaneNode[]];
    const lane: LaneNode = {
      id: head.process.execId,
      images: [],
      children: [],
      rootReason: head.rootReason,
    };
    out.push(lane);
    // Successors are children, so following them cannot loop in a forest.
    let node: ProcessNode | undefined = head;
    while (node) {
      lane.images.push(node.process);
      const next = successorOf(node);
      for (const child of node.children) {
        if (child !== next) queue.push([child, lane.children]);
      }
      node = next;
    }
  }
  return top;
}
