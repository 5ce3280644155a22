import {
  execLine,
  exitLine,
  podInit,
  podProcess,
  podRef,
  rfc3339,
  type LifecycleProcess,
  type PodRef,
} from '../lib/tetragon-lines.ts';

export interface RenderPod {
  pod: PodRef;
  /** Exec ids of the middle layer, parents for streamed processes. */
  workers: string[];
  lines: string[];
  processes: number;
}

const WORKERS = 70;

/**
 * A pod of `size` processes that the UI draws one card each: a container init, 70 workers
 * under it and the rest spread over the workers, every binary distinct so that the sibling
 * grouping (which folds identical shapes) folds nothing. About 60 % of the leaves exited.
 */
export function renderPod(index: number, size: number, namespace = 'render'): RenderPod {
  const pod = podRef(index, namespace);
  const init = podInit(pod);
  const lines = [execLine(init)];
  const workers: LifecycleProcess[] = [];
  const base = Date.UTC(2026, 0, 1) + index * 10_000_000;
  for (let i = 1; i < size; i++) {
    const isWorker = i <= WORKERS;
    const parent = isWorker ? init.execId : (workers[(i - 1) % WORKERS]?.execId ?? init.execId);
    const p = podProcess(pod, index * 100_000 + i, parent, base);
    p.binary = isWorker ? `/opt/app/bin/worker-${i}` : `/opt/app/bin/task-${i}`;
    lines.push(execLine(p));
    if (isWorker) workers.push(p);
    else if (i % 5 < 3) {
      lines.push(exitLine(p, rfc3339(Date.parse(p.startTime) + 50), i % 17 === 0 ? 1 : 0));
    }
  }
  return { pod, workers: workers.map((w) => w.execId), lines, processes: size };
}
