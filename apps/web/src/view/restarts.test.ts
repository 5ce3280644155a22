import { describe, expect, it } from 'vitest';
import type { Process } from '@exectree/domain';
import { makeProcess } from '../test/fixtures.ts';
import { detectRestarts } from './restarts.ts';

function inContainer(
  execId: string,
  name: string,
  id: string,
  pid: number,
  start: string,
): Process {
  return makeProcess({
    execId,
    pod: {
      namespace: 'monitoring',
      name: 'prometheus-0',
      container: {
        id,
        name,
        image: 'prom',
        imageId: '',
        pid,
        startTime: start,
        maybeExecProbe: false,
      },
      workload: null,
      workloadKind: null,
      labels: {},
    },
  });
}

describe('detectRestarts', () => {
  it('counts container instances beyond the first, per container', () => {
    const result = detectRestarts([
      inContainer('a', 'prometheus', 'containerd://1', 1, '2026-01-01T00:00:00Z'),
      inContainer('b', 'prometheus', 'containerd://1', 7, '2026-01-01T00:00:00Z'),
      inContainer('c', 'prometheus', 'containerd://2', 1, '2026-01-01T00:15:00Z'),
      inContainer('d', 'prometheus', 'containerd://3', 1, '2026-01-01T00:37:00Z'),
      inContainer('e', 'sidecar', 'containerd://9', 1, '2026-01-01T00:00:00Z'),
    ]);
    expect(result.total).toBe(2);
    expect(result.containers).toEqual([
      {
        name: 'prometheus',
        restarts: 2,
        starts: ['2026-01-01T00:00:00Z', '2026-01-01T00:15:00Z', '2026-01-01T00:37:00Z'],
      },
    ]);
  });

  it('sees one instance in an init that exec’d another program (same container id)', () => {
    const result = detectRestarts([
      inContainer('sh', 'web', 'containerd://5', 1, '2026-01-01T00:00:00Z'),
      inContainer('nginx', 'web', 'containerd://5', 1, '2026-01-01T00:00:00Z'),
    ]);
    expect(result).toEqual({ total: 0, containers: [] });
  });

  it('ignores processes without a container', () => {
    expect(detectRestarts([makeProcess({ execId: 'h' })]).total).toBe(0);
  });
});
