import { describe, expect, it } from 'vitest';
import { ProcessTreeBuilder, encodeExecId, parseLine } from '@exectree/domain';
import { MetricsRegistry } from './registry.ts';
import { registerTreeBuilderMetrics } from './tree-builder-metrics.ts';

const TIME = '2026-01-01T00:00:00Z';
const process = (pid: number) => ({
  exec_id: encodeExecId('node-a', pid * 1000, pid),
  pid,
  binary: '/bin/sh',
  start_time: TIME,
});
const line = (type: string, body: Record<string, unknown>) =>
  JSON.stringify({ [type]: body, node_name: 'node-a', time: TIME });

function apply(builder: ProcessTreeBuilder, lines: string[]): void {
  for (const text of lines) {
    const parsed = parseLine(text);
    if (parsed.kind !== 'event') throw new Error(`bad test line: ${text}`);
    builder.apply(parsed.event);
  }
}

describe('tree builder metrics', () => {
  it('renders what the builder bounds dropped and hold, with HELP and TYPE', () => {
    const builder = new ProcessTreeBuilder({ attachedIdsPerProcess: 1, waitingExits: 2 });
    const registry = new MetricsRegistry();
    registerTreeBuilderMetrics(registry, () => builder.stats());
    const render = () => registry.render();
    expect(render()).toContain('\nexectree_tree_late_events_dropped_total 0\n');

    apply(builder, [line('process_exec', { process: process(1) })]);
    builder.forget([process(1).exec_id]);
    apply(builder, [
      // A late exit of the forgotten process.
      line('process_exit', { process: process(1), status: 0, time: TIME }),
      // Two probe events on a process whose window holds one id.
      line('process_exec', { process: process(2) }),
      line('process_kprobe', { process: process(2), function_name: 'security_file_open' }),
      line('process_kprobe', { process: process(2), function_name: 'security_bprm_check' }),
      // Three exits without exec_id where two may wait: past that, it keeps 90% of two.
      ...[3, 4, 5].map((pid) =>
        line('process_exit', { process: { pid, start_time: TIME }, status: 0, time: TIME }),
      ),
    ]);

    const text = render();
    for (const [name, type, value] of [
      ['exectree_tree_late_events_dropped_total', 'counter', 1],
      ['exectree_tree_attached_ids_evicted_total', 'counter', 1],
      ['exectree_tree_waiting_exits_evicted_total', 'counter', 2],
      ['exectree_tree_tombstones', 'gauge', 1],
      ['exectree_tree_waiting_exits', 'gauge', 1],
    ] as const) {
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S.*\\n# TYPE ${name} ${type}$`, 'm'));
      expect(text).toContain(`\n${name} ${value}\n`);
    }
  });
});
