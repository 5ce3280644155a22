import { afterEach, describe, expect, it } from 'vitest';
import type { ProcessesResponse } from '@exectree/domain';
import { execLine, exitLine, type ProcSpec } from './helpers/events.ts';
import { sample } from './helpers/hostile-lines.ts';
import { getJson, postEvents, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const proc = (pid: number): ProcSpec => ({ pid, pod: { namespace: 'busy', name: 'forker' } });
const exitAt = (pid: number) => new Date(Date.UTC(2026, 0, 2) + pid * 1000).toISOString();

describe('GET /metrics: the tree builder bounds', () => {
  it('shows the forgotten ids remembered and the late events they dropped', async () => {
    const s = (server = await startTestServer({ limits: { max_pod_processes: 10 } }));
    const scrape = async () => (await fetch(`${s.url}/metrics`)).text();
    const before = await scrape();
    for (const series of [
      'exectree_tree_late_events_dropped_total',
      'exectree_tree_attached_ids_evicted_total',
      'exectree_tree_waiting_exits_evicted_total',
      'exectree_tree_tombstones',
      'exectree_tree_waiting_exits',
    ]) {
      expect(sample(before, series)).toBe(0);
    }

    // 20 ended processes in a pod limited to 10: it is trimmed to 8, the 12 oldest forgotten.
    const ended = Array.from({ length: 20 }, (_, i) => proc(1000 + i));
    const lines = ended.flatMap((p) => [execLine(p), exitLine(p, exitAt(p.pid))]);
    expect((await postEvents(s, lines.join('\n'))).status).toBe(200);
    await waitFor('the pod trimmed', async () => {
      const { body } = await getJson<ProcessesResponse>(s, '/api/v1/pods/busy/forker/processes');
      return body.processes.length === 8;
    });

    // A later exit of the longest-ended one is news to the store, but not to the tree.
    const oldest = proc(1000);
    expect((await postEvents(s, exitLine(oldest, exitAt(2000)))).status).toBe(200);
    await waitFor('the late exit dropped', async () => {
      return sample(await scrape(), 'exectree_tree_late_events_dropped_total') === 1;
    });
    expect(sample(await scrape(), 'exectree_tree_tombstones')).toBe(12);
  });
});
