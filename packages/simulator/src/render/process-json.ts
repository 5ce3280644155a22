import type { SimContainer, SimProcess } from '../model/types.ts';
import type { Timestamps } from '../time/timestamps.ts';

const q = JSON.stringify;

/** auid 4294967295 is (uint32)-1: no login uid, as for every process started by a daemon. */
const UNSET_AUID = 4294967295;

/** Protojson renders maps with sorted keys. */
function sortedMap(map: Readonly<Record<string, string>>): string {
  const keys = Object.keys(map).sort();
  return '{' + keys.map((key) => q(key) + ':' + q(map[key])).join(',') + '}';
}

/** Splits the pod object around `container.pid`, which is the only per-process part. */
export function renderPodParts(
  container: SimContainer,
  ts: Timestamps,
): { head: string; tail: string } {
  const pod = container.pod;
  const profile = pod.profile;
  const head =
    `{"namespace":${q(pod.namespace)},"name":${q(pod.name)},"uid":${q(pod.uid)}` +
    `,"container":{"id":${q('containerd://' + container.id)},"name":${q(profile.container)}` +
    `,"image":{"id":${q(container.image.id)},"name":${q(container.image.name)}}` +
    `,"start_time":${q(ts.formatWholeSecond(container.startRel))},`;
  let tail = '}';
  if (Object.keys(pod.labels).length > 0) tail += `,"pod_labels":${sortedMap(pod.labels)}`;
  tail += `,"workload":${q(profile.workload)},"workload_kind":${q(profile.kind)}}`;
  return { head, tail };
}

function renderHead(p: SimProcess, ts: Timestamps): string {
  let s = `{"exec_id":${q(p.execId)},"pid":${p.pid},"uid":${p.uid}`;
  if (p.cwd !== '') s += `,"cwd":${q(p.cwd)}`;
  s += `,"binary":${q(p.binary)}`;
  if (p.args !== '') s += `,"arguments":${q(p.args)}`;
  if (p.flags !== '') s += `,"flags":${q(p.flags)}`;
  s += `,"start_time":${q(ts.format(p.startRel))},"auid":${UNSET_AUID}`;
  const c = p.container;
  if (c !== undefined) {
    s += `,"pod":${c.podJsonHead}"pid":${p.containerPid}`;
    if (p.maybeExecProbe) s += ',"maybe_exec_probe":true';
    s += `${c.podJsonTail},"docker":${q(c.id.slice(0, 31))}`;
  }
  return s + `,"parent_exec_id":${q(p.parentExecId)}`;
}

/**
 * A full `Process` snapshot. `refcnt` mimics Tetragon's cache count at emit time: one for
 * the process while alive plus one per live child.
 */
export function renderProcess(p: SimProcess, ts: Timestamps, tid: number = p.pid): string {
  p.jsonHead ??= renderHead(p, ts);
  const refcnt = (p.alive ? 1 : 0) + p.liveChildren;
  const refPart = refcnt > 0 ? `,"refcnt":${refcnt}` : '';
  return `${p.jsonHead}${refPart},"tid":${tid},"in_init_tree":${p.inInitTree}}`;
}

/** The process of an exit whose exec Tetragon never saw: only `pid` and `start_time`. */
export function renderMinimalProcess(p: SimProcess, ts: Timestamps): string {
  return `{"pid":${p.pid},"start_time":${q(ts.format(p.startRel))}}`;
}
