import type { ExitSpec, SimProcess } from '../model/types.ts';
import type { KprobeSpec } from '../cluster/profile.ts';
import type { Timestamps } from '../time/timestamps.ts';
import type { Ns } from '../time/ns.ts';
import { renderMinimalProcess, renderProcess } from './process-json.ts';
import { renderKprobeBody, type KprobeSocket } from './kprobe-body.ts';

const q = JSON.stringify;

/** Builds complete export lines: event key first, then `node_name` and `time`. */
export class LineRenderer {
  constructor(private readonly ts: Timestamps) {}

  time(rel: Ns): string {
    return this.ts.format(rel);
  }

  exec(p: SimProcess, now: Ns): string {
    let body = `"process":${renderProcess(p, this.ts)}`;
    if (p.parent !== undefined) body += `,"parent":${renderProcess(p.parent, this.ts)}`;
    return this.wrap('process_exec', body, p.node.name, now);
  }

  exit(p: SimProcess, exit: ExitSpec, now: Ns): string {
    let body = `"process":${renderProcess(p, this.ts)}`;
    if (p.parent !== undefined) body += `,"parent":${renderProcess(p.parent, this.ts)}`;
    return this.wrap('process_exit', body + this.exitTail(exit, now), p.node.name, now);
  }

  /** The exit as Tetragon emits it after giving up on the missing exec. */
  reducedExit(p: SimProcess, exit: ExitSpec, now: Ns): string {
    const body = `"process":${renderMinimalProcess(p, this.ts)}` + this.exitTail(exit, now);
    return this.wrap('process_exit', body, p.node.name, now);
  }

  kprobe(p: SimProcess, tid: number, spec: KprobeSpec, socket: KprobeSocket, now: Ns): string {
    let body = `"process":${renderProcess(p, this.ts, tid)}`;
    if (p.parent !== undefined) body += `,"parent":${renderProcess(p.parent, this.ts)}`;
    body += ',' + renderKprobeBody(spec, socket);
    return this.wrap('process_kprobe', body, p.node.name, now);
  }

  throttle(
    type: 'THROTTLE_START' | 'THROTTLE_STOP',
    cgroup: string,
    node: string,
    now: Ns,
  ): string {
    return this.wrap('process_throttle', `"type":"${type}","cgroup":${q(cgroup)}`, node, now);
  }

  rateLimit(dropped: number, node: string, now: Ns): string {
    return this.wrap(
      'rate_limit_info',
      `"number_of_dropped_process_events":"${dropped}"`,
      node,
      now,
    );
  }

  private exitTail(exit: ExitSpec, now: Ns): string {
    let tail = '';
    if (exit.signal !== undefined && exit.signal !== '') tail += `,"signal":${q(exit.signal)}`;
    if (exit.status !== undefined && exit.status !== 0) tail += `,"status":${exit.status}`;
    return tail + `,"time":${q(this.ts.format(now))}`;
  }

  private wrap(key: string, body: string, node: string, now: Ns): string {
    return `{"${key}":{${body}},"node_name":${q(node)},"time":${q(this.ts.format(now))}}`;
  }
}
