import type { SimNode } from '../model/types.ts';
import type { Prng } from '../prng.ts';
import { DAY } from '../time/ns.ts';
import { nodeName } from './naming.ts';

/** Host daemons get low pids at boot; later processes continue from here. */
const FIRST_DYNAMIC_PID = 2_000;

export function createNodes(rng: Prng, count: number): SimNode[] {
  const cluster = rng.pick(['prod', 'shop', 'acme']);
  const nodes: SimNode[] = [];
  for (let index = 0; index < count; index++) {
    nodes.push({
      name: nodeName(rng, cluster, index),
      index,
      uptimeAtStart: rng.int(2 * DAY, 20 * DAY),
      ip: `10.128.0.${11 + (index % 240)}`,
      podNet: `10.244.${(index % 250) + 1}`,
      nextPid: FIRST_DYNAMIC_PID + rng.int(0, 800),
      nextPodIp: 2,
      systemd: undefined,
      containerd: undefined,
      kubelet: undefined,
      pods: [],
    });
  }
  return nodes;
}
