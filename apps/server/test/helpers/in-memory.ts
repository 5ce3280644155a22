import { timeKey, type Process } from '@exectree/domain';
import type { ProcessSearchResult } from '../../src/store/process-store.ts';
import { getJson, type TestServer } from './test-server.ts';
import { waitFor } from './wait-for.ts';

/** Every process the server holds in memory, ordered as search orders them. */
export function processesInMemory(server: TestServer): Process[] {
  const { builder } = server.engine;
  const key = (p: Process) => `${timeKey(p.startTime)}\u0000${p.execId}`;
  return builder
    .groups()
    .flatMap((group) => builder.processes(group.key))
    .sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

/** Every process in memory, in search order, once the rows have caught up with the tree. */
export async function rowsCaughtUp(server: TestServer): Promise<Process[]> {
  return waitFor('process rows equal to the tree', async () => {
    const expected = processesInMemory(server);
    const { body } = await getJson<ProcessSearchResult>(server, '/api/v1/search?limit=10000');
    return JSON.stringify(body.processes) === JSON.stringify(expected) && expected;
  });
}

/** The exec ids of every process the server holds in memory, sorted. */
export function execIdsInMemory(server: TestServer): string[] {
  const { builder } = server.engine;
  return builder
    .groups()
    .flatMap((group) => builder.processes(group.key).map((p) => p.execId))
    .sort();
}
