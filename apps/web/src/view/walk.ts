/**
 * Post-order fold of a tree without recursion: process trees can be thousands of levels
 * deep (a fork loop), which would overflow the call stack. `known` gives the result of a
 * subtree folded before (a cache by node identity); such a subtree is not entered again.
 */
export function foldTree<T, U>(
  root: T,
  childrenOf: (node: T) => readonly T[],
  build: (node: T, children: U[]) => U,
  known: (node: T) => U | undefined = () => undefined,
): U {
  const cached = known(root);
  if (cached !== undefined) return cached;
  interface Frame {
    node: T;
    children: readonly T[];
    next: number;
    out: U[];
  }
  const frame = (node: T): Frame => ({ node, children: childrenOf(node), next: 0, out: [] });
  const stack: Frame[] = [frame(root)];
  let result: U | undefined;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const child = top.children[top.next];
    if (child !== undefined) {
      top.next += 1;
      const done = known(child);
      if (done !== undefined) top.out.push(done);
      else stack.push(frame(child));
      continue;
    }
    stack.pop();
    const built = build(top.node, top.out);
    const parent = stack[stack.length - 1];
    if (parent) parent.out.push(built);
    else result = built;
  }
  return result as U;
}
