import {
  execLine,
  exitLine,
  podInit,
  podProcess,
  podRef,
  rfc3339,
  type PodRef,
} from './tetragon-lines.ts';

export interface FeedPlan {
  /** Index of the first pod; pods are numbered so that parts of one feed do not collide. */
  firstPod: number;
  pods: number;
  /** Process lifecycles (exec + exit) per pod; the pods are filled one after the other. */
  perPod: number;
  namespace?: string;
}

/**
 * NDJSON batches of at most `batchLines` lines: for each pod its container init (an exec
 * that stays running), then exec and exit of every lifecycle, the exit 5 ms after the exec.
 */
export function* lifecycleBatches(plan: FeedPlan, batchLines: number): Generator<string[]> {
  let batch: string[] = [];
  let pod: PodRef | undefined;
  let parent = '';
  const first = plan.firstPod * plan.perPod;
  for (let i = first; i < first + plan.pods * plan.perPod; i++) {
    if (i % plan.perPod === 0) {
      pod = podRef(i / plan.perPod, plan.namespace);
      const init = podInit(pod);
      parent = init.execId;
      batch.push(execLine(init));
    }
    if (pod === undefined) throw new Error('unreachable: no pod');
    const p = podProcess(pod, i, parent);
    batch.push(execLine(p), exitLine(p, rfc3339(Date.parse(p.startTime) + 5), i % 7 === 0 ? 1 : 0));
    if (batch.length >= batchLines) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Sends batches with at most `inFlight` requests outstanding. */
export async function sendAll(
  batches: Iterable<string[]>,
  send: (lines: string[]) => Promise<unknown>,
  inFlight: number,
): Promise<number> {
  const pending = new Set<Promise<unknown>>();
  let lines = 0;
  for (const batch of batches) {
    lines += batch.length;
    const request = send(batch).finally(() => pending.delete(request));
    pending.add(request);
    if (pending.size >= inFlight) await Promise.race(pending);
  }
  await Promise.all(pending);
  return lines;
}
