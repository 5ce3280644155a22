import { k8sSuffix, uuid } from '../cluster/naming.ts';
import type { Profile } from '../cluster/profile.ts';
import type { SimNode, SimPod } from '../model/types.ts';
import { MILLISECOND, type Ns } from '../time/ns.ts';
import { jiffyKtime } from './procfs.ts';
import type { World } from './world.ts';

/** From sandbox creation to the app container's start. */
export const SANDBOX_TO_CONTAINER: Ns = 400 * MILLISECOND;

function templateHash(world: World, profile: Profile): string {
  let hash = world.templateHashes.get(profile.key);
  if (hash === undefined) {
    hash = profile.kind === 'Deployment' ? k8sSuffix(world.rng, 10) : world.rng.hex(10);
    world.templateHashes.set(profile.key, hash);
  }
  return hash;
}

function nameAndLabels(
  world: World,
  profile: Profile,
  reuseName: string | undefined,
): { name: string; labels: Record<string, string> } {
  const hash = templateHash(world, profile);
  const labels: Record<string, string> = { ...profile.labels };
  if (profile.kind === 'Deployment') {
    labels['pod-template-hash'] = hash;
    return { name: `${profile.workload}-${hash}-${k8sSuffix(world.rng, 5)}`, labels };
  }
  labels['controller-revision-hash'] =
    profile.kind === 'StatefulSet' ? `${profile.workload}-${hash}` : hash;
  if (profile.kind === 'DaemonSet') {
    labels['pod-template-generation'] = '1';
    return { name: `${profile.workload}-${k8sSuffix(world.rng, 5)}`, labels };
  }
  let name = reuseName;
  if (name === undefined) {
    const ordinal = world.ordinals.get(profile.key) ?? 0;
    world.ordinals.set(profile.key, ordinal + 1);
    name = `${profile.workload}-${ordinal}`;
  }
  labels['apps.kubernetes.io/pod-index'] = name.slice(name.lastIndexOf('-') + 1);
  labels['statefulset.kubernetes.io/pod-name'] = name;
  return { name, labels };
}

/**
 * A pod sandbox and its shim. `preExisting` pods were running before the agent started, so
 * their shim is known from procFS.
 */
export function createPod(
  world: World,
  node: SimNode,
  profile: Profile,
  sandboxStart: Ns,
  preExisting: boolean,
  reuseName?: string,
): SimPod {
  const { engine, rng } = world;
  const { name, labels } = nameAndLabels(world, profile, reuseName);
  const sandboxId = rng.hex(64);
  const ip = `${node.podNet}.${node.nextPodIp}`;
  node.nextPodIp = node.nextPodIp >= 254 ? 2 : node.nextPodIp + 1;
  const ktime = preExisting ? jiffyKtime(node.uptimeAtStart + sandboxStart) : undefined;
  const shim = engine.createProcess({
    node,
    binary: '/usr/bin/containerd-shim-runc-v2',
    args: `-namespace k8s.io -id ${sandboxId} -address /run/containerd/containerd.sock`,
    cwd: `/run/containerd/io.containerd.runtime.v2.task/k8s.io/${sandboxId}`,
    uid: 0,
    flags: preExisting ? 'procFS' : 'execve clone',
    startRel: ktime !== undefined ? ktime - node.uptimeAtStart : sandboxStart,
    ...(ktime !== undefined ? { ktime } : {}),
    parent: node.containerd,
    container: undefined,
    inInitTree: false,
    threads: 11,
  });
  engine.markStarted(shim);
  const pod: SimPod = {
    node,
    profile,
    namespace: profile.namespace,
    name,
    uid: uuid(rng),
    labels,
    ip,
    sandboxId,
    shim,
    alive: true,
    container: undefined,
    restarts: 0,
  };
  node.pods.push(pod);
  return pod;
}

/** When the pod sandbox goes away, so does its shim (silently: it is never an event). */
export function removePod(world: World, pod: SimPod): void {
  pod.alive = false;
  world.engine.markEnded(pod.shim);
  const pods = pod.node.pods;
  const index = pods.indexOf(pod);
  if (index >= 0) pods.splice(index, 1);
}
