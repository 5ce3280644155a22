import type { Prng } from '../prng.ts';
import type { ExitSpec, SimPod } from '../model/types.ts';

export type KprobeSpec =
  | { readonly kind: 'file'; readonly path: string; readonly write?: boolean }
  | { readonly kind: 'connect'; readonly daddr: string; readonly dport: number };

/** One process image and what it does; `then` replaces it in place (exec without fork). */
export interface Command {
  readonly binary: string;
  readonly args?: string;
  readonly cwd?: string;
  readonly uid?: number;
  /** Milliseconds the image keeps running after its children finished. */
  readonly runMs?: readonly [number, number];
  /** Run one after another, each a fork + exec child. */
  readonly children?: readonly Command[];
  /** Milliseconds between children (think time in an interactive shell). */
  readonly pauseMs?: readonly [number, number];
  readonly then?: Command;
  readonly exit?: ExitSpec;
  readonly kprobes?: readonly KprobeSpec[];
  readonly threads?: number;
}

export type CommandFactory = (rng: Prng, pod: SimPod) => Command;

export interface Job {
  readonly meanIntervalS: number;
  /** Which long-running process starts it. */
  readonly from: 'main' | 'worker';
  readonly command: CommandFactory;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export interface Profile {
  readonly key: string;
  readonly namespace: string;
  readonly workload: string;
  readonly kind: WorkloadKind;
  readonly container: string;
  /** Image reference with tag, e.g. "docker.io/library/nginx:1.27.3". */
  readonly image: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly shell: '/bin/bash' | '/bin/sh';
  /** The container init: its `then` chain ends in the long-running main image. */
  readonly boot: Command;
  readonly workers?: { readonly count: number; readonly threads?: number };
  readonly probe?: { readonly periodS: number; readonly command: CommandFactory };
  readonly jobs?: readonly Job[];
  /** Short-lived fork-only children of main (e.g. postgres connection backends). */
  readonly forkJobs?: { readonly meanIntervalS: number; readonly runMs: readonly [number, number] };
  readonly workerCrash?: { readonly meanIntervalS: number; readonly signals: readonly string[] };
  /** The main process dies and the kubelet restarts the container. */
  readonly containerCrash?: { readonly meanIntervalS: number; readonly signal: string };
  readonly kprobes: { readonly meanIntervalS: number; readonly specs: readonly KprobeSpec[] };
  /** What an operator types in a `kubectl exec` session. */
  readonly sessionCommands: readonly CommandFactory[];
}
