import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { runImportCommand } from '../src/cli/import-command.ts';
import { openEngine } from '../src/engine.ts';
import { SqliteEventStore } from '../src/store/sqlite-event-store.ts';
import { WHOAMI, WHOAMI_EXEC_ID, fixtureLines } from './helpers/fixtures.ts';
import { lineGroups, text } from './helpers/follow-file.ts';
import { killLeftovers, runCli } from './helpers/cli-process.ts';
import { makeTempDir } from './helpers/temp-dir.ts';

let temp: ReturnType<typeof makeTempDir>;
let db: string;

beforeEach(() => {
  temp = makeTempDir();
  db = join(temp.dir, 'data', 'exectree.db');
});

afterEach(() => {
  killLeftovers();
  temp.cleanup();
});

interface Run {
  code: number;
  out: string[];
  err: string;
}

async function runImport(argv: string[], tty = false): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = Object.assign(new PassThrough(), tty ? { isTTY: true, columns: 200 } : {});
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const code = await runImportCommand(argv, { stdin: new PassThrough(), stdout, stderr }, {});
  await tick();
  return { code, out: out === '' ? [] : out.trimEnd().split('\n'), err };
}

function file(name: string, content: string | Buffer): string {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return path;
}

function storedCount(): number {
  const store = new SqliteEventStore(db);
  try {
    return store.count();
  } finally {
    store.close();
  }
}

const SUMMARY =
  /^(.+): (\d+) accepted \((\d+) duplicates\), (\d+) rejected, (\d+) lines; [\d.]+ MB in [\d.]+ s, \d+ events\/s$/;

function summary(line: string | undefined) {
  const match = SUMMARY.exec(line ?? '');
  if (!match) throw new Error(`not a summary line: ${line}`);
  const [, what, accepted, duplicates, rejected, lines] = match;
  return {
    what,
    accepted: Number(accepted),
    duplicates: Number(duplicates),
    rejected: Number(rejected),
    lines: Number(lines),
  };
}

describe('exectree import', () => {
  it('imports plain and gzipped files, reporting malformed lines by number', async () => {
    const [a, b] = lineGroups(9, 7);
    const plain = file('a.jsonl', text([...a.slice(0, 3), '{"process_exec": oops', ...a.slice(3)]));
    const gz = file('b.log.gz', gzipSync(text([b[0] ?? '', '42', '', ...b.slice(1)])));

    const run = await runImport(['--db', db, plain, gz]);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(new RegExp(`^${plain}: line 4: invalid JSON`, 'm'));
    expect(run.err).toMatch(new RegExp(`^${gz}: line 2: not a JSON object`, 'm'));
    expect(run.err.trimEnd().split('\n')).toHaveLength(2);
    expect(run.out.map(summary)).toEqual([
      { what: plain, accepted: 9, duplicates: 0, rejected: 1, lines: 10 },
      { what: gz, accepted: 7, duplicates: 0, rejected: 1, lines: 9 },
      { what: 'total (2 files)', accepted: 16, duplicates: 0, rejected: 2, lines: 19 },
    ]);
    expect(storedCount()).toBe(16);
  });

  it('counts duplicates within and across files and runs, storing each event once', async () => {
    const [a, b] = lineGroups(5, 3);
    const first = file('first.log', text([...a, a[0] ?? '']));
    const second = file('second.log', text([...a.slice(0, 2), ...b]));

    const run = await runImport(['--db', db, first, second]);
    expect(run.out.map(summary).map(({ accepted, duplicates }) => [accepted, duplicates])).toEqual([
      [6, 1],
      [5, 2],
      [11, 3],
    ]);
    const again = await runImport(['--db', db, second]);
    expect(summary(again.out[0])).toMatchObject({ accepted: 5, duplicates: 5 });
    expect(storedCount()).toBe(8);
  });

  it('lists the first 100 rejected lines of a file, then how many more', async () => {
    const bad = file('bad.log', 'nope\n'.repeat(130));
    const run = await runImport(['--db', db, bad]);
    expect(run.code).toBe(0);
    const lines = run.err.trimEnd().split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[99]).toMatch(new RegExp(`^${bad}: line 100: invalid JSON`));
    expect(lines[100]).toBe(`${bad}: 30 more rejected lines not shown`);
    expect(summary(run.out[0])).toMatchObject({ accepted: 0, rejected: 130, lines: 130 });
  });

  it('leaves a store that serve rebuilds the trees from', async () => {
    const run = await runImport(['--db', db, file('whoami.log', text(fixtureLines(WHOAMI)))]);
    expect(run.code).toBe(0);
    const engine = openEngine({ db, log: () => undefined });
    try {
      expect(engine.builder.process(WHOAMI_EXEC_ID)?.state).toBe('exited');
    } finally {
      engine.close();
    }
  });

  it('imports the readable files and exits 1 when one cannot be read or is corrupt', async () => {
    const [a, b] = lineGroups(4, 4);
    const good = file('good.log', text(a));
    const corrupt = file('torn.log.gz', gzipSync(text(b)).subarray(0, 60));
    const missing = join(temp.dir, 'missing.log');

    const run = await runImport(['--db', db, missing, good, corrupt]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(new RegExp(`^exectree import: cannot read ${missing}: .*ENOENT`, 'm'));
    expect(run.err).toMatch(new RegExp(`^exectree import: cannot read ${corrupt}: `, 'm'));
    expect(summary(run.out[0])).toMatchObject({ what: good, accepted: 4 });
    expect(storedCount()).toBeGreaterThanOrEqual(4);
  });

  it('rejects a bad command line with exit code 2 and one line', async () => {
    for (const argv of [[], ['--bogus', 'x.log'], ['--db'], ['--db', '', 'x.log']]) {
      const run = await runImport(argv);
      expect(run.code).toBe(2);
      expect(run.out).toEqual([]);
      expect(run.err).toMatch(/^exectree import: [^\n]+\n$/);
    }
    const help = await runImport(['--help']);
    expect(help.code).toBe(0);
    expect(help.out[0]).toBe('Usage: exectree import [options] FILE...');
  });

  it('draws a progress line on a terminal and clears it before the summary', async () => {
    const run = await runImport(['--db', db, file('a.log', text(lineGroups(20)[0]))], true);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /^\r\[#+\] {2}100\.0% {2}[\d.]+\/[\d.]+ MB {2}[\d,]+ events\/s {2}ETA 0:00 /,
    );
    expect(run.err.endsWith('\r\x1b[K')).toBe(true);
    expect(summary(run.out[0])).toMatchObject({ accepted: 20 });
  });
});

describe('exectree import (process)', () => {
  it('prints plain lines when stderr is not a terminal, and exit codes', async () => {
    const [a] = lineGroups(3);
    const log = file('events.log', `${text(a)}oops\n`);
    const cli = runCli(['import', log], temp.dir, { EXECTREE_DB: db });
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).toBe(`${log}: line 4: invalid JSON: ${errorOf('oops')}\n`);
    expect(cli.stdout().split('\n')).toEqual([expect.stringMatching(SUMMARY), '']);
    expect(summary(cli.stdout().split('\n')[0])).toMatchObject({ accepted: 3, rejected: 1 });
    expect(storedCount()).toBe(3);

    const usage = runCli(['import'], temp.dir);
    expect(await usage.exited).toBe(2);
    const missing = runCli(['import', '--db', db, 'nope.log'], temp.dir);
    expect(await missing.exited).toBe(1);
  });
});

function errorOf(json: string): string {
  try {
    JSON.parse(json);
    return '';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
