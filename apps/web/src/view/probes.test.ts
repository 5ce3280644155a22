import { describe, expect, it } from 'vitest';
import type { Process, ProcessPod } from '@exectree/domain';
import { at, makeProcess } from '../test/fixtures.ts';
import { buildForest, countNodes } from './hierarchy.ts';
import { hideExecProbes } from './probes.ts';

function pod(probe: boolean): ProcessPod {
  return {
    namespace: 'default',
    name: 'db',
    container: {
      id: 'containerd://abc',
      name: 'db',
      image: 'postgres:16',
      imageId: '',
      pid: 1,
      startTime: null,
      maybeExecProbe: probe,
    },
    workload: null,
    workloadKind: null,
    labels: {},
  };
}

const probe = (execId: string, parentExecId: string | null, extra: Partial<Process> = {}) =>
  makeProcess({ execId, parentExecId, pod: pod(true), startTime: at(1), ...extra });

const ids = (roots: ReturnType<typeof buildForest>) =>
  roots.flatMap((r) => [r.process.execId, ...r.children.map((c) => c.process.execId)]);

describe('hideExecProbes', () => {
  const forest = () =>
    buildForest([
      makeProcess({ execId: 'pg', pod: pod(false) }),
      probe('sh1', null),
      probe('ready1', 'sh1'),
      probe('sh2', null),
      probe('ready2', 'sh2'),
      makeProcess({ execId: 'child', parentExecId: 'pg', pod: pod(false), startTime: at(2) }),
    ]);

  it('drops probe subtrees and counts the hidden processes', () => {
    const { roots, hidden } = hideExecProbes(forest(), null);
    expect(ids(roots)).toEqual(['pg', 'child']);
    expect(hidden).toBe(4);
    expect(countNodes(roots)).toBe(2);
  });

  it('keeps the selected probe and its ancestors', () => {
    const { roots, hidden } = hideExecProbes(forest(), 'ready2');
    expect(ids(roots)).toEqual(['pg', 'child', 'sh2', 'ready2']);
    expect(hidden).toBe(2);
  });

  it('never hides a flagged probe, but an exec probe is expected outside the init tree', () => {
    const flagged = buildForest([
      probe('sh', null, {
        findings: [{ rule: 'exec-session', reason: 'x', relatedExecId: null }],
      }),
      probe('curl', 'sh', {
        findings: [{ rule: 'binary-in-tmp', reason: 'y', relatedExecId: null }],
      }),
    ]);
    expect(ids(hideExecProbes(flagged, null).roots)).toEqual(['sh', 'curl']);
    const expected = buildForest([
      probe('sh', null, {
        findings: [{ rule: 'exec-session', reason: 'x', relatedExecId: null }],
      }),
    ]);
    expect(hideExecProbes(expected, null).hidden).toBe(1);
  });

  it('returns the same nodes when there is nothing to hide', () => {
    const plain = buildForest([makeProcess({ execId: 'a' })]);
    expect(hideExecProbes(plain, null).roots[0]).toBe(plain[0]);
  });
});
