import {
  execLine,
  exitLine,
  podProcess,
  rfc3339,
  type LifecycleProcess,
  type PodRef,
} from './tetragon-lines.ts';

export const STAMP = /bench-t=(\d+(?:\.\d+)?)/;

export interface LiveStreamOptions {
  pods: readonly PodRef[];
  /** Parent exec id of the k-th new process. */
  parentOf(k: number, pod: PodRef): string;
  /** An exit follows its exec this much later (wall clock). */
  lifetimeMs: number;
  /** Index of the first process, so that streams never reuse an exec id. */
  firstIndex: number;
}

/**
 * Endless exec/exit lines for paced loads: every exec carries `bench-t=<stamp>` in its
 * arguments (the wall-clock time of the POST it goes out in), and is followed by its exit
 * `lifetimeMs` later; about half of the lines are execs, half exits.
 */
export function liveStream(options: LiveStreamOptions): (count: number, stamp: number) => string[] {
  const exits: { p: LifecycleProcess; due: number }[] = [];
  let k = options.firstIndex;
  const base = Date.now();
  return (count, stamp) => {
    const lines: string[] = [];
    while (lines.length < count / 2 && exits.length > 0 && (exits[0]?.due ?? Infinity) <= stamp) {
      const { p } = exits.shift() as { p: LifecycleProcess };
      lines.push(exitLine(p, rfc3339(Date.parse(p.startTime) + options.lifetimeMs)));
    }
    while (lines.length < count) {
      const pod = options.pods[k % options.pods.length] as PodRef;
      const p = podProcess(pod, k, options.parentOf(k, pod), base, ` bench-t=${stamp.toFixed(3)}`);
      lines.push(execLine(p));
      exits.push({ p, due: stamp + options.lifetimeMs });
      k += 1;
    }
    return lines;
  };
}
