import { describe, expect, it } from 'vitest';
import type { PodInfo } from '../tetragon/parsed-event.ts';
import { PodIntern, fullPodKey, podKeyOf } from './pod-intern.ts';

function pod(containerPid: number | undefined, labels: Record<string, string> = {}): PodInfo {
  return {
    namespace: 'default',
    name: 'web',
    uid: undefined,
    container: {
      id: 'containerd://abc',
      name: 'app',
      image: { id: 'sha256:1', name: 'app:1' },
      startTime: '2026-01-01T00:00:00Z',
      pid: containerPid,
      maybeExecProbe: false,
    },
    labels,
    workload: 'web',
    workloadKind: 'Deployment',
  };
}

describe('PodIntern', () => {
  it('shares one pod between processes that differ only in container pid', () => {
    const intern = new PodIntern();
    const a = intern.intern(pod(7));
    const b = intern.intern(pod(12));
    expect(b.pod).toBe(a.pod);
    expect(a.pod.container?.pid).toBeUndefined();
    expect([a.containerPid, b.containerPid]).toEqual([7, 12]);
    expect(intern.intern(pod(undefined)).pod).toBe(a.pod);
    expect(intern.size).toBe(1);
  });

  it('keeps pods apart that differ in anything else, even a label named pid', () => {
    const intern = new PodIntern();
    const a = intern.intern(pod(7));
    const b = intern.intern(pod(7, { pid: '7' }));
    expect(b.pod).not.toBe(a.pod);
    expect(b.pod.labels).toEqual({ pid: '7' });
  });

  it('rebuilds the original key from the shared pod and the container pid', () => {
    const intern = new PodIntern();
    for (const original of [pod(7), pod(1234, { a: 'b' }), pod(undefined)]) {
      const shared = intern.intern(original);
      expect(shared.fullKey).toBe(JSON.stringify(original));
      expect(fullPodKey(shared.pod, shared.containerPid)).toBe(podKeyOf(original));
    }
  });
});
