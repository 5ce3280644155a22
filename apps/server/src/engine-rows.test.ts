import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLines } from '@exectree/simulator';
import { openEngine, type Engine } from './engine.ts';

const dirs: string[] = [];
const engines: Engine[] = [];

afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('engine process rows', () => {
  it('are current for a search right after a drain, before their deferred write ran', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exectree-rows-'));
    dirs.push(dir);
    const engine = openEngine({ db: join(dir, 'events.db'), log: () => undefined });
    engines.push(engine);
    await engine.rebuild.done;
    const lines = generateLines({ seed: 3, count: 200 });
    engine.pipeline.ingest(
      engine.sources.add('test', 'http', 'test'),
      lines.map((text, index) => ({ text, lineNo: index + 1 })),
    );
    engine.changes.flush();

    // No turn of the event loop has passed: the rows of that drain are still pending.
    const inTree = engine.builder.groups().reduce((sum, group) => sum + group.processes, 0);
    expect(inTree).toBeGreaterThan(0);
    const found = await engine.processes.search({ limit: 100_000 });
    expect(found.processes).toHaveLength(inTree);
    expect(await engine.processes.count()).toBe(inTree);
  });
});
