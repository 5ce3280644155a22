import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProcessTreeBuilder } from './process-tree-builder.ts';
import { parseLine } from '../tetragon/parse-line.ts';
import type { ProcessTreeNode } from '../process.ts';

const fixtures = join(import.meta.dirname, '../../test/fixtures');

function load(name: string) {
  const lines = readFileSync(join(fixtures, name), 'utf8').split('\n');
  const builder = new ProcessTreeBuilder();
  let accepted = 0;
  let rejected = 0;
  let blank = 0;
  for (const line of lines) {
    const result = parseLine(line);
    if (result.kind === 'event') {
      builder.apply(result.event);
      accepted += 1;
    } else if (result.kind === 'rejected') rejected += 1;
    else blank += 1;
  }
  return { builder, accepted, rejected, blank, lines: lines.length };
}

function flatten(nodes: ProcessTreeNode[]): ProcessTreeNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe('the seed scenario (docs-whoami-exec-exit.jsonl)', () => {
  it('shows /bin/bash with child /usr/bin/whoami exited 0 in default/xwing', () => {
    const { builder } = load('docs-whoami-exec-exit.jsonl');
    expect(builder.groups().map((g) => g.key)).toEqual(['pod/default/xwing']);
    const [root] = builder.tree('pod/default/xwing');
    expect(root).toMatchObject({ binary: '/bin/bash', state: 'running', pid: 43872 });
    expect(root?.children.map((c) => [c.binary, c.arguments, c.cwd, c.state, c.status])).toEqual([
      ['/usr/bin/whoami', '--version', '/', 'exited', 0],
    ]);
    expect(builder.group('pod/default/xwing')).toMatchObject({
      processes: 2,
      running: 1,
      exited: 1,
    });
  });
});

describe('exec without clone (docs-curl-exec-without-clone.jsonl)', () => {
  it('marks bash replaced by curl, one pid', () => {
    const { builder } = load('docs-curl-exec-without-clone.jsonl');
    const all = builder.groups().flatMap((g) => builder.processes(g.key));
    const bash = all.find((p) => p.binary === '/bin/bash');
    const curl = all.find((p) => p.binary === '/usr/bin/curl');
    expect(bash).toMatchObject({ state: 'replaced', replacedBy: curl?.execId, pid: 52699 });
    expect(curl).toMatchObject({ state: 'running', pid: 52699 });
  });
});

describe('host parents (testdata-events.jsonl)', () => {
  it('roots each pod under its containerd-shim stub', () => {
    const { builder } = load('testdata-events.jsonl');
    const pods = builder.groups().filter((g) => g.kind === 'pod');
    expect(pods.length).toBeGreaterThan(0);
    for (const pod of pods) {
      for (const root of builder.tree(pod.key)) {
        expect(root.hostParent?.binary).toMatch(/containerd-shim/);
      }
    }
  });
});

describe('kprobe and throttle samples', () => {
  it('attaches probes to processes and turns throttle lines into markers', () => {
    const kprobes = load('docs-kprobe-events.jsonl');
    const all = kprobes.builder.groups().flatMap((g) => kprobes.builder.processes(g.key));
    expect(all.reduce((n, p) => n + p.eventCount, 0)).toBe(13);
    const throttle = load('docs-throttle-events.jsonl');
    expect(throttle.builder.markers().map((m) => m.throttleType)).toEqual([
      'THROTTLE_START',
      'THROTTLE_STOP',
    ]);
  });
});

describe('the messy book samples', () => {
  it('accounts for every line, never loops, and shows every process exactly once', () => {
    const { builder, accepted, rejected, blank, lines } = load('book-secobs-ebpf-events.jsonl');
    expect(accepted + rejected + blank).toBe(lines);
    expect(accepted).toBe(40);
    const groups = builder.groups();
    for (const g of groups) {
      const listed = builder
        .processes(g.key)
        .map((p) => p.execId)
        .sort();
      const inTree = flatten(builder.tree(g.key))
        .map((p) => p.execId)
        .sort();
      expect(inTree).toEqual(listed);
      for (const id of listed)
        expect(builder.ancestors(id).length).toBeLessThan(listed.length + 50);
    }
    const all = groups.flatMap((g) => builder.processes(g.key));
    const nginx = all.find((p) => p.binary.endsWith('nginx') && p.state === 'running');
    expect(nginx).toBeDefined();
    expect(all.some((p) => p.state === 'replaced')).toBe(true);
  });
});
