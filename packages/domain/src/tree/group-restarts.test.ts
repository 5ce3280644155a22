import { describe, expect, it } from 'vitest';
import type { ProcessTreeBuilder } from './process-tree-builder.ts';
import { execLine, idOf, type ProcSpec } from '../test-support/event-factory.ts';
import { buildTree } from '../test-support/tree-factory.ts';
import { summarizeGroup } from './group-summary.ts';
import { ContainerInstances } from './container-instances.ts';

/** A process in pod default/web, container `name`, run `docker` (its container id). */
function inContainer(pid: number, name: string, docker: string): ProcSpec {
  return {
    pid,
    binary: '/bin/sh',
    pod: { namespace: 'default', name: 'web', container: name, containerPid: pid },
    docker,
  };
}

function build(specs: ProcSpec[]): ProcessTreeBuilder {
  return buildTree(specs.map((s) => execLine(s)));
}

describe('group summary: container restarts', () => {
  it('counts distinct container runs per container name, minus one each', () => {
    const b = build([
      inContainer(10, 'app', 'run1'),
      inContainer(11, 'app', 'run1'),
      inContainer(12, 'app', 'run2'),
      inContainer(13, 'app', 'run3'),
      inContainer(14, 'sidecar', 'run4'),
      inContainer(15, 'sidecar', 'run5'),
    ]);
    expect(b.group('pod/default/web')?.restarts).toBe(3);
  });

  it('is 0 for a pod whose containers each ran once', () => {
    const b = build([inContainer(10, 'app', 'run1'), inContainer(11, 'sidecar', 'run2')]);
    expect(b.group('pod/default/web')?.restarts).toBe(0);
  });

  it('goes down when the last process of a run is forgotten, and agrees with a full count', () => {
    const specs = [
      inContainer(10, 'app', 'run1'),
      inContainer(11, 'app', 'run2'),
      inContainer(12, 'app', 'run2'),
    ];
    const b = build(specs);
    expect(b.group('pod/default/web')?.restarts).toBe(1);
    b.forget([idOf(specs[1] as ProcSpec)]);
    expect(b.group('pod/default/web')?.restarts).toBe(1);
    b.forget([idOf(specs[2] as ProcSpec)]);
    expect(b.group('pod/default/web')?.restarts).toBe(0);
    const group = b.group('pod/default/web');
    expect(group).toEqual(summarizeGroup('pod/default/web', b.processes('pod/default/web')));
  });
});

describe('ContainerInstances', () => {
  const run = (name: string, id: string, startTime: string | null = null) => ({
    id,
    name,
    startTime,
  });

  it('uses the start time when the container id is missing, and skips what has neither', () => {
    const c = new ContainerInstances();
    c.add(run('app', '', '2026-01-01T00:00:00Z'));
    c.add(run('app', '', '2026-01-01T01:00:00Z'));
    c.add(run('app', '', null));
    c.add(undefined);
    expect(c.restarts).toBe(1);
  });

  it('keeps a run while any of its members is left', () => {
    const c = new ContainerInstances();
    c.add(run('app', 'a'));
    c.add(run('app', 'b'));
    c.add(run('app', 'b'));
    c.remove(run('app', 'b'));
    expect(c.restarts).toBe(1);
    c.remove(run('app', 'b'));
    expect(c.restarts).toBe(0);
    c.remove(run('app', 'b'));
    c.remove(run('other', 'x'));
    expect(c.restarts).toBe(0);
  });
});
