import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProcessTreeBuilder } from './process-tree-builder.ts';
import { parseLine } from '../tetragon/parse-line.ts';
import { summarizeGroup } from './group-summary.ts';

/**
 * Well-typed but adversarial events: few ids so that parents collide, loop and self-refer;
 * random pids, flags, pods and exits. The builder must never throw, and every read must
 * terminate and list each visible process exactly once.
 */
const ids = ['aWQx', 'aWQy', 'aWQz', 'aWQ0', 'aWQ1', 'aWQ2', 'PGtlcm5lbD4='];
const snapshot = fc.record(
  {
    exec_id: fc.constantFrom(...ids),
    parent_exec_id: fc.constantFrom(...ids),
    pid: fc.integer({ min: 0, max: 5 }),
    binary: fc.constantFrom('/bin/sh', '/usr/bin/curl', '/tmp/x', '<kernel>', ''),
    arguments: fc.constantFrom('', '-o /tmp/x http://h', '+x /tmp/x', '-c "curl -o /tmp/x h"'),
    flags: fc.constantFrom('execve clone', 'execve', 'procFS', ''),
    start_time: fc.constantFrom('2026-01-01T00:00:01Z', '2026-01-01T00:00:01.000Z', 'not-a-time'),
    in_init_tree: fc.boolean(),
    docker: fc.constantFrom('d1', 'd2'),
    pod: fc.constantFrom(undefined, { namespace: 'a', name: 'p' }, { namespace: 'b', name: 'q' }),
  },
  { requiredKeys: [] },
);
const event = fc.oneof(
  fc.record({
    process_exec: fc.record({ process: snapshot, parent: snapshot }, { requiredKeys: ['process'] }),
  }),
  fc.record({
    process_exit: fc.record(
      {
        process: snapshot,
        parent: snapshot,
        status: fc.nat(255),
        signal: fc.constantFrom('SIGKILL', ''),
      },
      { requiredKeys: ['process'] },
    ),
  }),
  fc.record({
    process_kprobe: fc.record({
      process: snapshot,
      ancestors: fc.array(snapshot, { maxLength: 3 }),
      function_name: fc.constant('f'),
    }),
  }),
  fc.constant({ rate_limit_info: { number_of_dropped_process_events: '5' } }),
);

describe('ProcessTreeBuilder fuzz', { timeout: 120_000 }, () => {
  it('never throws, always terminates and shows every process once', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        const builder = new ProcessTreeBuilder();
        for (const e of events) {
          const result = parseLine(
            JSON.stringify({ ...e, node_name: 'n', time: '2026-01-01T00:00:02Z' }),
          );
          if (result.kind === 'event') builder.apply(result.event);
        }
        builder.drainChanges();
        for (const g of builder.groups()) {
          const listed = builder.processes(g.key);
          const seen: string[] = [];
          const walk = (nodes: { execId: string; children: typeof nodes }[]) => {
            for (const n of nodes) {
              seen.push(n.execId);
              walk(n.children);
            }
          };
          walk(builder.tree(g.key));
          expect(seen.sort()).toEqual(listed.map((p) => p.execId).sort());
          for (const p of listed) {
            expect(builder.ancestors(p.execId).length).toBeLessThanOrEqual(ids.length);
            builder.children(p.execId);
          }
        }
        builder.forget(ids.slice(0, 2));
        builder.drainChanges();
        for (const g of builder.groups()) {
          expect(g).toEqual(summarizeGroup(g.key, builder.processes(g.key)));
        }
      }),
      { numRuns: 12_000 },
    );
  });
});
