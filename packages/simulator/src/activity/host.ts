import { encodeExecId } from '@exectree/domain';
import type { Command } from '../cluster/profile.ts';
import { SERVICES } from '../cluster/services.ts';
import type { SimNode, SimPod, SimProcess } from '../model/types.ts';
import { SECOND, type Ns } from '../time/ns.ts';
import { kprobeAt } from './process-ops.ts';
import { discoverAt, jiffyKtime, procfsFlags } from './procfs.ts';
import { repeat } from './repeat.ts';
import { runCommand } from './run-command.ts';
import { msBetween, poissonDelay, type World } from './world.ts';

const HOST = { container: undefined, inInitTree: false, maybeExecProbe: false } as const;

interface HostDaemon {
  readonly binary: string;
  readonly args: string;
  readonly pid: number;
  readonly bootSeconds: readonly [number, number];
  readonly parent: SimProcess | undefined;
  readonly threads: number;
}

function hostDaemon(world: World, node: SimNode, spec: HostDaemon): SimProcess {
  const ktime = jiffyKtime(
    world.rng.int(spec.bootSeconds[0] * SECOND, spec.bootSeconds[1] * SECOND),
  );
  return world.engine.createProcess({
    node,
    binary: spec.binary,
    args: spec.args,
    cwd: '/',
    uid: 0,
    flags: procfsFlags('/'),
    startRel: ktime - node.uptimeAtStart,
    ktime,
    parent: spec.parent,
    // pid 1's parent is the `<kernel>` pseudo-process (pid 0, ktime 1).
    parentExecId: encodeExecId(node.name, 1, 0),
    container: undefined,
    inInitTree: false,
    pid: spec.pid,
    threads: spec.threads,
  });
}

/**
 * systemd, containerd and the kubelet, all started at boot. containerd and the kubelet are
 * emitted in the procFS burst; systemd only ever appears as their embedded parent.
 */
export function createHostProcesses(world: World, node: SimNode): void {
  const { engine, rng } = world;
  const systemd = hostDaemon(world, node, {
    binary: '/usr/lib/systemd/systemd',
    args: '--switched-root --system --deserialize=32',
    pid: 1,
    bootSeconds: [0.8, 1.6],
    parent: undefined,
    threads: 1,
  });
  engine.markStarted(systemd);
  node.systemd = systemd;
  node.containerd = hostDaemon(world, node, {
    binary: '/usr/bin/containerd',
    args: '',
    pid: rng.int(500, 900),
    bootSeconds: [6, 12],
    parent: systemd,
    threads: 40,
  });
  node.kubelet = hostDaemon(world, node, {
    binary: '/usr/bin/kubelet',
    args:
      '--config=/var/lib/kubelet/config.yaml --kubeconfig=/etc/kubernetes/kubelet.conf ' +
      `--container-runtime-endpoint=unix:///run/containerd/containerd.sock --node-ip=${node.ip} ` +
      '--pod-infra-container-image=registry.k8s.io/pause:3.10',
    pid: rng.int(1000, 1600),
    bootSeconds: [15, 40],
    parent: systemd,
    threads: 60,
  });
  discoverAt(engine, node.containerd);
  discoverAt(engine, node.kubelet);
}

function volumeDir(pod: SimPod): string {
  return `/var/lib/kubelet/pods/${pod.uid}/volumes`;
}

function hostChores(world: World, node: SimNode): { parent: SimProcess | undefined; cmd: Command } {
  const { rng } = world;
  const pods = node.pods.filter((p) => p.alive);
  const choice = rng.weighted([
    ['canary', 6],
    ['du', pods.length > 0 ? 3 : 0],
    ['logrotate', 1],
  ] as const);
  if (choice === 'canary') {
    const tool = rng.pick(['/usr/sbin/iptables', '/usr/sbin/ip6tables']);
    const table = rng.pick(['mangle', 'nat', 'filter']);
    return {
      parent: node.kubelet,
      cmd: {
        binary: tool,
        args: `-w 5 -W 100000 -S KUBE-KUBELET-CANARY -t ${table}`,
        runMs: [2, 12],
      },
    };
  }
  if (choice === 'du') {
    const dir = `${volumeDir(rng.pick(pods))}/kubernetes.io~empty-dir/cache`;
    // nice execs du in place: exec without fork on the host.
    return {
      parent: node.kubelet,
      cmd: {
        binary: '/usr/bin/nice',
        args: `-n 19 du -x -s -B 1 ${dir}`,
        then: { binary: '/usr/bin/du', args: `-x -s -B 1 ${dir}`, runMs: [3, 80] },
      },
    };
  }
  return {
    parent: node.systemd,
    cmd: {
      binary: '/usr/sbin/logrotate',
      args: '/etc/logrotate.conf',
      children: [
        { binary: '/usr/bin/gzip', args: '-9 /var/log/containers.log.1', runMs: [20, 400] },
      ],
    },
  };
}

/** Host processes that show up as events of their own: kubelet and systemd chores. */
export function startHostActivity(world: World, node: SimNode): void {
  const { engine, rng } = world;
  repeat(
    engine,
    undefined,
    poissonDelay(world, 20),
    () => poissonDelay(world, 20),
    () => {
      const { parent, cmd } = hostChores(world, node);
      if (parent !== undefined) runCommand(engine, parent, cmd, engine.now, HOST);
      const kubelet = node.kubelet;
      if (kubelet !== undefined && rng.chance(0.1)) {
        kprobeAt(engine, kubelet, engine.now + msBetween(world, 1, 900), {
          kind: 'connect',
          ...SERVICES.apiServer,
        });
      }
    },
  );
}

/** The kubelet mounts a new pod's projected service-account volume. */
export function kubeletMount(world: World, pod: SimPod, t: Ns): void {
  const kubelet = pod.node.kubelet;
  if (kubelet === undefined) return;
  const target = `${volumeDir(pod)}/kubernetes.io~projected/kube-api-access-${world.rng.chars('bcdfghjklmnpqrstvwxz2456789', 5)}`;
  const cmd = { binary: '/usr/bin/mount', args: `-t tmpfs -o size=1073741824 tmpfs ${target}` };
  runCommand(world.engine, kubelet, cmd, t, HOST);
}

export function kubeletUnmount(world: World, pod: SimPod, t: Ns): void {
  const kubelet = pod.node.kubelet;
  if (kubelet === undefined) return;
  const target = `${volumeDir(pod)}/kubernetes.io~projected`;
  runCommand(world.engine, kubelet, { binary: '/usr/bin/umount', args: target }, t, HOST);
}
