import { stat } from 'node:fs/promises';
import { InlineParser } from '../ingest/parallel/inline-parser.ts';
import { ParsePool, type BatchParser } from '../ingest/parallel/parse-pool.ts';
import { openBulkLoad, type BulkLoad } from '../store/sqlite-bulk-load.ts';
import type { SqliteEventStore } from '../store/sqlite-event-store.ts';
import type { CliIo } from './cli-io.ts';
import { IMPORT_HELP } from './help.ts';
import { parseImportArgs, type ImportArgs } from './import-args.ts';
import { LISTED_REJECTIONS, StoreFailure, importFile, type FileTotals } from './import-file.ts';
import { createImportOutput, type ImportOutput } from './import-output.ts';
import { megabytes } from './import-progress.ts';
import { EXIT_USAGE, UsageError } from './usage-error.ts';

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
/**
 * Below this many bytes, lines are parsed in this thread: a worker takes about 0.2 s of CPU to
 * start (tsx and the parser), more than parsing a few MB costs. Pipes have no size: workers.
 */
const WORKERS_FROM_BYTES = 8 * 1024 * 1024;

interface Input {
  path: string;
  size: number;
  /** False for a pipe, whose size is unknown (0). */
  regular: boolean;
}

/**
 * `exectree import [--db PATH] FILE...`: bulk-loads export files (plain or .gz) into the
 * store. Exit code 0 once every file is read (rejected lines included), 1 when a file or the
 * database fails, 2 for a bad command line.
 */
export async function runImportCommand(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let args: ImportArgs;
  try {
    args = parseImportArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`exectree import: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (args.help) {
    io.stdout.write(IMPORT_HELP);
    return EXIT_OK;
  }
  const output = createImportOutput(io);
  let code = EXIT_OK;
  const inputs: Input[] = [];
  for (const path of args.config.files) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) throw new Error('is a directory');
      // A pipe (e.g. <(zcat ...)) has no size: progress then only counts what was read.
      inputs.push({ path, size: info.isFile() ? info.size : 0, regular: info.isFile() });
    } catch (error) {
      output.problem(`exectree import: cannot read ${path}: ${reason(error)}`);
      code = EXIT_FAILURE;
    }
  }
  if (inputs.length === 0) return code;

  // Started first: the workers load their modules while this thread opens the database.
  const small = inputs.every((input) => input.regular) && totalSize(inputs) < WORKERS_FROM_BYTES;
  const pool: BatchParser = small ? new InlineParser() : new ParsePool();
  let load: BulkLoad;
  try {
    load = openBulkLoad(args.config.db);
  } catch (error) {
    await pool.close();
    output.problem(`exectree import: cannot open ${args.config.db}: ${reason(error)}`);
    return EXIT_FAILURE;
  }
  try {
    const ok = await importAll(inputs, { store: load.store, pool }, output);
    try {
      load.close();
    } catch (error) {
      output.problem(`exectree import: cannot write ${args.config.db}: ${reason(error)}`);
      return EXIT_FAILURE;
    }
    return ok ? code : EXIT_FAILURE;
  } finally {
    output.done();
    await pool.close();
    load.close();
  }
}

/** Imports the files in order; false when one of them failed. */
async function importAll(
  inputs: readonly Input[],
  { store, pool }: { store: SqliteEventStore; pool: BatchParser },
  output: ImportOutput,
): Promise<boolean> {
  const totalBytes = totalSize(inputs);
  const started = performance.now();
  const sum: FileTotals = { lines: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let doneBytes = 0;
  let ok = true;
  for (const [index, input] of inputs.entries()) {
    const fileStarted = performance.now();
    let result;
    try {
      result = await importFile(input.path, {
        parser: pool,
        store: (columns) => store.appendColumns(columns),
        rejected: (line, why) => output.problem(`${input.path}: line ${line}: ${why}`),
        progress: (read, soFar) =>
          output.progress({
            file: input.path,
            index: index + 1,
            files: inputs.length,
            doneBytes: doneBytes + read,
            totalBytes,
            events: sum.accepted + soFar.accepted,
            elapsedMs: performance.now() - started,
          }),
      });
    } catch (error) {
      if (!(error instanceof StoreFailure)) throw error;
      output.problem(`exectree import: cannot store events from ${input.path}: ${reason(error)}`);
      return false;
    }
    const { totals, readError } = result;
    if (readError !== undefined) {
      output.problem(`exectree import: cannot read ${input.path}: ${reason(readError)}`);
      ok = false;
    }
    doneBytes += input.size;
    if (totals.rejected > LISTED_REJECTIONS) {
      output.problem(
        `${input.path}: ${totals.rejected - LISTED_REJECTIONS} more rejected lines not shown`,
      );
    }
    output.result(summary(input.path, totals, input.size, performance.now() - fileStarted));
    addTo(sum, totals);
  }
  if (inputs.length > 1) {
    output.result(
      summary(`total (${inputs.length} files)`, sum, totalBytes, performance.now() - started),
    );
  }
  return ok;
}

function totalSize(inputs: readonly Input[]): number {
  return inputs.reduce((sum, input) => sum + input.size, 0);
}

function addTo(sum: FileTotals, totals: FileTotals): void {
  sum.lines += totals.lines;
  sum.accepted += totals.accepted;
  sum.duplicates += totals.duplicates;
  sum.rejected += totals.rejected;
}

function summary(what: string, totals: FileTotals, bytes: number, ms: number): string {
  const seconds = ms / 1000;
  const rate = seconds > 0 ? Math.round(totals.accepted / seconds) : totals.accepted;
  return (
    `${what}: ${totals.accepted} accepted (${totals.duplicates} duplicates), ` +
    `${totals.rejected} rejected, ${totals.lines} lines; ` +
    `${megabytes(bytes)} MB in ${seconds.toFixed(2)} s, ${rate} events/s`
  );
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ');
}
