import { describe, expect, it } from 'vitest';
import type { Process } from '@exectree/domain';
import { makeProcess } from '../test/fixtures.ts';
import { recordChange } from './map-lineage.ts';
import { openGroupFacts } from './open-group.ts';
import { detectRestarts } from './restarts.ts';
import { isFlagged } from './findings.ts';

function proc(execId: string, container: string, instance: string, flagged: boolean): Process {
  return makeProcess({
    execId,
    pod: {
      namespace: 'default',
      name: 'web-0',
      container: {
        id: instance,
        name: container,
        image: 'nginx',
        imageId: '',
        pid: 1,
        startTime: `2024-01-01T00:00:0${instance.length % 10}Z`,
        maybeExecProbe: false,
      },
      workload: null,
      workloadKind: null,
      labels: {},
    },
    findings: flagged
      ? [{ rule: 'shell-from-server', reason: 'nginx ran sh', relatedExecId: null }]
      : [],
  });
}

describe('openGroupFacts', () => {
  it('updates with each recorded change the way a full count would', () => {
    let map = new Map<string, Process>();
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 200; round++) {
      const next = new Map(map);
      const changed = new Set<string>();
      const id = `p${Math.floor(rand() * 40)}`;
      if (rand() < 0.25) next.delete(id);
      else {
        const container = rand() < 0.5 ? 'app' : 'sidecar';
        const instance = `c${'x'.repeat(Math.floor(rand() * 3))}`;
        next.set(id, proc(id, container, instance, rand() < 0.3));
      }
      changed.add(id);
      recordChange(next, map, changed);
      map = next;
      const facts = openGroupFacts(map);
      expect(facts.restarts).toEqual(detectRestarts(map.values()));
      expect(facts.flagged).toBe([...map.values()].filter(isFlagged).length);
    }
  });
});
