import { sameList } from './same-list.ts';

/**
 * Caches the last call of a pure function by argument identity. Several components derive
 * the same view from the same store values; this makes them share one computation.
 */
export function memoizeLast<A extends readonly unknown[], R>(
  fn: (...args: A) => R,
): (...args: A) => R {
  let lastArgs: A | null = null;
  let lastResult: R;
  return (...args: A): R => {
    if (lastArgs !== null && sameList(lastArgs, args)) return lastResult;
    lastResult = fn(...args);
    lastArgs = args;
    return lastResult;
  };
}

/**
 * Like memoizeLast, but keeps the results of the last `size` distinct argument lists: a
 * live commit is derived ahead of the render that shows it (stores/use-explorer-view.ts),
 * and a render of the previous state in between must not throw that work away.
 */
export function memoizeRecent<A extends readonly unknown[], R>(
  fn: (...args: A) => R,
  size = 2,
): (...args: A) => R {
  const entries: { args: A; result: R }[] = [];
  return (...args: A): R => {
    const at = entries.findIndex((e) => sameList(e.args, args));
    if (at >= 0) {
      const hit = entries[at] as { args: A; result: R };
      // Most recently used first, so the entry dropped is the one used longest ago.
      entries.splice(at, 1);
      entries.unshift(hit);
      return hit.result;
    }
    const result = fn(...args);
    entries.unshift({ args, result });
    if (entries.length > size) entries.pop();
    return result;
  };
}
