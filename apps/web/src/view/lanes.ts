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

/**
 * The lane built last time for each head node. Nodes of unchanged subtrees are reused by
 * buildForest, and a lane depends on nothing but its head's subtree, so it is reused too.
 */
const previousLanes = new WeakMap<ProcessNode, LaneNode>();

/** Holds a lane's place in its parent's list until the queue reaches it. */
const UNBUILT: LaneNode = { id: '', images: [], children: [], rootReason: null };

export function buildLanes(roots: readonly ProcessNode[]): LaneNode[] {
  const top: LaneNode[] = [];
  // Breadth-first with a queue: deep trees must not overflow the stack. Each entry fills
  // its slot in the parent's list, so lanes known from last time go in without queueing.
  const queue: [ProcessNode, LaneNode[], number][] = [];
  const place = (node: ProcessNode, out: LaneNode[]) => {
    const known = previousLanes.get(node);
    if (known) out.push(known);
    else queue.push([node, out, out.push(UNBUILT) - 1]);
  };
  for (const root of roots) place(root, top);
  for (let i = 0; i < queue.length; i += 1) {
    const [head, out, slot] = queue[i] as [ProcessNode, LaneNode[], number];
    const lane: LaneNode = {
      id: head.process.execId,
      images: [],
      children: [],
      rootReason: head.rootReason,
    };
    previousLanes.set(head, lane);
    out[slot] = lane;
    // Successors are children, so following them cannot loop in a forest.
    let node: ProcessNode | undefined = head;
    while (node) {
      lane.images.push(node.process);
      const next = successorOf(node);
      for (const child of node.children) {
        if (child !== next) place(child, lane.children);
      }
      node = next;
    }
  }
  return top;
}
