import { afterEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LINE_BLANK, LINE_EVENT, LINE_REJECTED } from './parse-batch.ts';
import { ParsePool } from './parse-pool.ts';

let pool: ParsePool | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await pool?.close();
  pool = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function waitForReady(started: ParsePool, workers = 1): Promise<void> {
  while (started.started < workers) await sleep(10);
}

/** A worker script in a temporary file. */
function workerScript(body: string): URL {
  const dir = mkdtempSync(join(tmpdir(), 'exectree-pool-test-'));
  dirs.push(dir);
  const entry = join(dir, 'worker.mjs');
  writeFileSync(entry, `import { parentPort } from 'node:worker_threads';\n${body}\n`);
  return pathToFileURL(entry);
}

const line = (n: number) =>
  JSON.stringify({
    process_exec: { process: { exec_id: `id-${n}`, pid: n } },
    node_name: `node-${n}`,
    time: '2026-01-01T00:00:00Z',
  });

describe('ParsePool', () => {
  it('hands each batch back to its own caller, whichever worker finishes first', async () => {
    pool = new ParsePool(2);
    await waitForReady(pool, 2);
    // Big and small batches alternate, so the second worker often answers first.
    const batches = Array.from({ length: 8 }, (_, b) =>
      Array.from({ length: b % 2 === 0 ? 400 : 3 }, (_, i) => line(b * 1000 + i)),
    );
    batches[3]?.splice(1, 0, '', 'not json');
    const parsed = await Promise.all(batches.map((texts) => pool?.parse(texts)));
    parsed.forEach((batch, b) => {
      const texts = batches[b] ?? [];
      expect(batch?.kinds).toHaveLength(texts.length);
      expect(batch?.nodes).toEqual(
        texts.filter((text) => text.startsWith('{')).map((text) => JSON.parse(text).node_name),
      );
    });
    expect([...(parsed[3]?.kinds ?? [])]).toEqual([
      LINE_EVENT,
      LINE_BLANK,
      LINE_REJECTED,
      LINE_EVENT,
      LINE_EVENT,
    ]);
    expect(parsed[3]?.reasons).toEqual([expect.stringMatching(/^invalid JSON/)]);
  });

  it('rejects what is still being parsed when closed, and everything after', async () => {
    pool = new ParsePool(1);
    await waitForReady(pool);
    const pending = expect(pool.parse([line(1)])).rejects.toThrow(/closed/);
    await pool.close();
    await pending;
    await expect(pool.parse([line(2)])).rejects.toThrow(/closed/);
    expect(pool.size).toBe(0);
  });

  it('fails the batches of a worker that dies, and the pool with it', async () => {
    pool = new ParsePool(
      1,
      workerScript(
        "parentPort.on('message', () => process.exit(3));\nparentPort.postMessage({ ready: true });",
      ),
    );
    await waitForReady(pool);
    await expect(pool.parse([line(1)])).rejects.toThrow(/exited \(3\)/);
    await expect(pool.parse([line(2)])).rejects.toThrow(/exited \(3\)/);
  });

  it('parses in the calling thread until a worker has started', async () => {
    // This worker never starts: every batch is parsed here, in order.
    pool = new ParsePool(1, workerScript("parentPort.on('message', () => undefined);"));
    const parsed = await Promise.all([pool.parse([line(1), 'x']), pool.parse([line(2)])]);
    expect(parsed.map((batch) => batch.nodes)).toEqual([['node-1'], ['node-2']]);
    expect(parsed[0]?.reasons).toEqual([expect.stringMatching(/^invalid JSON/)]);
    expect(pool.started).toBe(0);
  });
});
