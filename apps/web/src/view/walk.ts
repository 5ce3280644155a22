/**
 * Post-order rebuild of a forest without recursion: process trees can be thousands of
 * levels deep (a fork loop), which would overflow the call stack.
 */
export function mapForest<T, U>(
  roots: readonly T[],
  childrenOf: (node: T) => readonly T[],
  build: (node: T, children: U[]) => U | null,
): U[] {
  interface Frame {
    node: T;
    children: readonly T[];
    next: number;
    out: U[];
  }
  const top: U[] = [];
  const stack: Frame[] = [];
  const push = (node: T) => stack.push({ node, children: childrenOf(node), next: 0, out: [] });
  for (const root of roots) {
    push(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as Frame;
      const child = frame.children[frame.next];
      if (child !== undefined) {
        frame.next += 1;
        push(child);
        continue;
      }
      stack.pop();
      const built = build(frame.node, frame.out);
      const parent = stack[stack.length - 1];
      if (built !== null) (parent ? parent.out : top).push(built);
    }
  }
  return top;
}
