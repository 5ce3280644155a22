import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { InfoResponse } from '@exectree/domain';
import { removeDb } from '../lib/files.ts';
import { getJson } from '../lib/http.ts';
import { BENCH_DIR, EXECTREE_BIN, JQ } from '../lib/paths.ts';
import { startServer } from '../lib/server.ts';
import { waitUntil } from '../lib/sleep.ts';
import { runChecked, runTimed } from '../lib/timed-process.ts';
import type { StartupTimes } from './ingest-findings.ts';

/** One way of consuming the file; `run` returns its wall-clock milliseconds. */
export interface Contender {
  name: string;
  run(): Promise<number>;
}

export const JQ_FILTER =
  'select(.process_exec.process.pod.name=="xwing" or .process_exit.process.pod.name=="xwing")';

const TSX = ['--import', 'tsx'];

export function bareParse(file: string, lines: number): Contender {
  return {
    name: 'bare parse',
    async run() {
      const run = await runChecked(
        process.execPath,
        [...TSX, join(BENCH_DIR, 'workers/bare-parse.ts'), file],
        { stdout: { capture: true } },
      );
      const seen = (JSON.parse(run.stdout) as { lines: number }).lines;
      if (seen !== lines) throw new Error(`bare parse read ${seen} lines, expected ${lines}`);
      return run.ms;
    },
  };
}

/**
 * Spawn to exit of the judged import and of the bare loop on an empty file: the fastest of 5
 * runs each, the figure least disturbed by other processes on a shared machine.
 */
export async function startupTimes(emptyFile: string, db: string): Promise<StartupTimes> {
  const judged = exectreeImport(emptyFile, db);
  const bare = bareParse(emptyFile, 0);
  const imports: number[] = [];
  const bares: number[] = [];
  for (let i = 0; i < 5; i++) {
    imports.push(await judged.run());
    bares.push(await bare.run());
  }
  return { importMs: Math.min(...imports), bareMs: Math.min(...bares) };
}

export function jq(file: string): Contender | undefined {
  if (!existsSync(JQ)) return undefined;
  return {
    name: 'jq',
    async run() {
      return (await runChecked(JQ, ['-c', JQ_FILTER, file])).ms;
    },
  };
}

/** True once `exectree import` exists (it is being added while this bench is written). */
export async function hasImportCommand(): Promise<boolean> {
  const help = await runTimed(process.execPath, [EXECTREE_BIN, 'import', '--help'], {
    stdout: { capture: true },
  });
  return help.code === 0 && /import/.test(help.stdout);
}

export function exectreeImport(
  file: string,
  db: string,
  nodeArgs: readonly string[] = [],
): Contender {
  return {
    name: 'exectree import',
    async run() {
      removeDb(db);
      const args = [...nodeArgs, EXECTREE_BIN, 'import', '--db', db, file];
      return (await runChecked(process.execPath, args, { stdout: { capture: true } })).ms;
    },
  };
}

/**
 * Stand-in while `exectree import` does not exist: `exectree serve --file` into a fresh
 * store, timed from spawn until /api/v1/info shows every line of the file read.
 */
export function serveFile(
  file: string,
  db: string,
  lines: number,
  nodeArgs: readonly string[] = [],
): Contender {
  return {
    name: 'exectree serve --file',
    async run() {
      removeDb(db);
      const server = await startServer({ args: ['--db', db, '--file', file], nodeArgs });
      try {
        await waitUntil(
          'the file source to read every line',
          async () => {
            const info = await getJson<InfoResponse>(server.url, '/api/v1/info');
            const source = info.sources.find((s) => s.id === `file:${file}`);
            return source !== undefined && source.linesRead >= lines;
          },
          600_000,
        );
        return performance.now() - server.spawnedAt;
      } finally {
        await server.stop();
      }
    },
  };
}
