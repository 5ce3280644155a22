import { postEvents, refusals } from './http.ts';
import { subscribe, wallNow, type LiveClient, type LiveClientStats } from './live-client.ts';
import { STAMP, liveStream } from './live-stream.ts';
import { runPaced, type PacedResult } from './paced-load.ts';
import { startServer } from './server.ts';
import { sleep, waitUntil } from './sleep.ts';
import { execLine, groupKeyOf, podInit, podRef } from './tetragon-lines.ts';

export const LATENCY_RATE = 5_000;
export const LATENCY_PODS = 10;

/** One watched process: when its POST went out and how long until the client held it. */
export interface LatencySample {
  /** Seconds since the load started, when the POST went out. */
  sentS: number;
  ms: number;
}

export interface LatencyRunOptions {
  /** A fresh database file (removed by the caller). */
  db: string;
  seconds: number;
  /** Node flags for the server, e.g. --cpu-prof. */
  nodeArgs?: readonly string[];
}

export interface LatencyRun {
  samples: LatencySample[];
  load: PacedResult;
  stats: LiveClientStats;
  /** Watched execs sent: the samples there should be. */
  expected: number;
  viaSnapshot: number;
  /** POSTs refused (429/503 or cut off) and retried. */
  refused: number;
  /** Processes per pod at the end of the run. */
  groupSize: number;
}

/**
 * Starts `exectree serve`, POSTs LATENCY_RATE events/s for `seconds` over LATENCY_PODS pods
 * while a socket.io client follows the first pod, and records when each of its processes
 * arrived. The server is stopped before it returns (which writes a --cpu-prof profile).
 */
export async function runLatencyLoad(options: LatencyRunOptions): Promise<LatencyRun> {
  const server = await startServer({
    args: ['--db', options.db, '--no-demo'],
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
  });
  const pods = Array.from({ length: LATENCY_PODS }, (_, i) => podRef(5_000 + i, 'live'));
  const watched = pods[0];
  if (watched === undefined) throw new Error('no pods');
  const inits = new Map(pods.map((pod) => [pod.name, podInit(pod)]));
  let client: LiveClient | undefined;
  try {
    await postEvents(server.url, [...inits.values()].map(execLine));
    const samples: LatencySample[] = [];
    let loadStart = 0;
    let viaSnapshot = 0;
    client = await subscribe(server.url, groupKeyOf(watched), ({ process, at, via }) => {
      const stamp = STAMP.exec(process.arguments)?.[1];
      if (stamp === undefined) return;
      if (via === 'snapshot') viaSnapshot += 1;
      samples.push({ sentS: (Number(stamp) - loadStart) / 1000, ms: at - Number(stamp) });
    });
    const stream = liveStream({
      pods,
      parentOf: (_k, pod) => inits.get(pod.name)?.execId ?? '',
      lifetimeMs: 1_000,
      firstIndex: 0,
    });
    const watchedName = `"name":${JSON.stringify(watched.name)}`;
    let execs = 0;
    let watchedExecs = 0;
    const next = (count: number, stamp: number) => {
      const lines = stream(count, stamp);
      for (const line of lines) {
        if (!line.startsWith('{"process_exec"')) continue;
        execs += 1;
        if (line.includes(watchedName)) watchedExecs += 1;
      }
      return lines;
    };
    const refusedBefore = refusals.count;
    loadStart = wallNow();
    const load = await runPaced({
      rate: LATENCY_RATE,
      durationMs: options.seconds * 1000,
      tickMs: 20,
      maxInFlight: 16,
      maxBatch: 2_500,
      next,
      send: (lines, giveUpAt) => postEvents(server.url, lines, giveUpAt),
    });
    const refused = refusals.count - refusedBefore;
    // Deltas still on their way: wait for them, but not forever.
    await waitUntil('the last deltas', () => samples.length >= watchedExecs * 0.99, 10_000).catch(
      () => undefined,
    );
    await sleep(200);
    return {
      samples,
      load,
      stats: { ...client.stats },
      expected: watchedExecs,
      viaSnapshot,
      refused,
      groupSize: Math.round(execs / LATENCY_PODS),
    };
  } finally {
    client?.close();
    await server.stop();
  }
}
