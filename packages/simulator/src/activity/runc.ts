import type { SimContainer, SimProcess } from '../model/types.ts';
import { MILLISECOND, type Ns } from '../time/ns.ts';
import type { World } from './world.ts';

/**
 * `runc exec`, started by the pod's shim for probes and `kubectl exec`. It is a host
 * process that consumers only ever see embedded as the parent of what it started.
 */
export function createRunc(world: World, container: SimContainer, t: Ns, tty: boolean): SimProcess {
  const { engine, rng } = world;
  const bundle = `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${container.id}`;
  const ttyArgs = tty
    ? `--console-socket /tmp/pty${rng.int(100_000_000, 4_000_000_000)}/pty.sock --tty `
    : '';
  const args =
    `--root /run/containerd/runc/k8s.io --log ${bundle}/log.json --log-format json exec ` +
    `--process /tmp/runc-process${rng.int(100_000_000, 4_000_000_000)} ${ttyArgs}--detach ` +
    `--pid-file ${bundle}/${rng.hex(64)}.pid ${container.id}`;
  const runc = engine.createProcess({
    node: container.pod.node,
    binary: '/usr/bin/runc',
    args,
    cwd: bundle,
    uid: 0,
    flags: 'execve clone',
    startRel: t - rng.int(2 * MILLISECOND, 9 * MILLISECOND),
    parent: container.pod.shim,
    container: undefined,
    inInitTree: false,
  });
  // Never emitted and never exited: only its refcnt in embedded snapshots depends on this.
  runc.alive = true;
  return runc;
}
