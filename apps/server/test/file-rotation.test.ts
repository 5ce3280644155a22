import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendFileSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { followFile, lineGroups, text, type Follower } from './helpers/follow-file.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { waitFor } from './helpers/wait-for.ts';

let temp: ReturnType<typeof makeTempDir>;
let follower: Follower | undefined;
let path: string;
let db: string;

beforeEach(() => {
  temp = makeTempDir();
  path = join(temp.dir, 'tetragon.log');
  db = join(temp.dir, 'exectree.db');
});

afterEach(async () => {
  await follower?.stop();
  follower = undefined;
  temp.cleanup();
});

const backup = (second: number) => join(temp.dir, `tetragon-2025-01-02T03-04-0${second}.000.log`);

function gzipAway(file: string): void {
  writeFileSync(`${file}.gz`, gzipSync(readFileSync(file)));
  unlinkSync(file);
}

async function readAll(f: Follower, lines: number): Promise<void> {
  await waitFor(`${lines} lines read`, () => f.tracker.linesRead >= lines);
  expect(f.tracker.linesRead).toBe(lines);
  expect(f.store.count()).toBe(lines);
  expect(f.tracker).toMatchObject({ accepted: lines, rejected: 0 });
}

describe('file source: rotation while following', () => {
  it('reads lines written just before the rename from the old file, then the new file', async () => {
    const [first, late, next] = lineGroups(10, 5, 7);
    writeFileSync(path, text(first));
    follower = followFile(path, db);
    await readAll(follower, 10);

    // One turn of the event loop: the source reads nothing between these calls.
    appendFileSync(path, text(late));
    renameSync(path, backup(0));
    writeFileSync(path, text(next));

    await readAll(follower, 22);
    expect(follower.logs).toContainEqual(expect.stringMatching(/was rotated; .*line 15/));
    expect(follower.store.readCursor(path)).toMatchObject({
      offset: statSync(path).size,
      line: 7,
    });
  });

  it('keeps a last line without newline, and is not confused by gzip or several rotations', async () => {
    const [first, late, middle, last] = lineGroups(6, 3, 4, 5);
    writeFileSync(path, text(first));
    follower = followFile(path, db);
    await readAll(follower, 6);

    appendFileSync(path, text(late).trimEnd());
    renameSync(path, backup(0));
    gzipAway(backup(0));
    writeFileSync(path, text(middle));
    renameSync(path, backup(1));
    writeFileSync(path, text(last));

    await readAll(follower, 18);
    expect(follower.logs).toContainEqual(
      expect.stringContaining(`reading the rotated ${backup(1)}`),
    );
  });

  it('reads a file that shrank again from the start', async () => {
    const [first, other] = lineGroups(8, 3);
    writeFileSync(path, text(first));
    follower = followFile(path, db);
    await readAll(follower, 8);

    writeFileSync(path, text(other));
    await waitFor('rewritten file read', () => follower?.tracker.linesRead === 11);
    expect(follower.store.count()).toBe(11);
    expect(follower.logs).toContainEqual(
      expect.stringMatching(/shrank, reading it from the start/),
    );
  });
});

describe('file source: restart', () => {
  it('resumes at the saved offset without reading earlier lines again', async () => {
    const [first, later] = lineGroups(10, 5);
    writeFileSync(path, text(first));
    const before = followFile(path, db);
    await readAll(before, 10);
    await before.stop();

    appendFileSync(path, `${text(later)}not json\n`);
    follower = followFile(path, db);
    await waitFor('new lines read', () => follower?.tracker.linesRead === 6);
    expect(follower.store.count()).toBe(15);
    expect(follower.tracker).toMatchObject({ accepted: 5, rejected: 1 });
    expect(follower.logs).toContainEqual(expect.stringMatching(/resuming at line 11 \(byte \d+\)/));
    expect(follower.logs).toContainEqual(expect.stringMatching(/: line 16: invalid JSON/));
  });

  it.each(['plain', 'gzipped'])(
    'reads the rest of a %s copy rotated while it was stopped, then the new file',
    async (kind) => {
      const [first, unread, next] = lineGroups(10, 4, 6);
      writeFileSync(path, text(first));
      const before = followFile(path, db);
      await readAll(before, 10);
      await before.stop();

      appendFileSync(path, text(unread));
      renameSync(path, backup(0));
      if (kind === 'gzipped') gzipAway(backup(0));
      writeFileSync(path, text(next));

      follower = followFile(path, db);
      await waitFor('rotated and new lines read', () => follower?.tracker.linesRead === 10);
      expect(follower.store.count()).toBe(20);
      const copy = kind === 'gzipped' ? `${backup(0)}.gz` : backup(0);
      expect(follower.logs).toContainEqual(
        expect.stringContaining(`reading the rotated ${copy} from line 11`),
      );
    },
  );

  it('reads a different file from the start when no rotated copy matches', async () => {
    const [first, other] = lineGroups(10, 3);
    writeFileSync(path, text(first));
    const before = followFile(path, db);
    await readAll(before, 10);
    await before.stop();

    unlinkSync(path);
    writeFileSync(path, text(other));
    follower = followFile(path, db);
    await waitFor('new file read', () => follower?.tracker.linesRead === 3);
    expect(follower.store.count()).toBe(13);
    expect(follower.logs).toContainEqual(expect.stringMatching(/not the file read before/));
  });
});

describe('file source: failed commits', () => {
  it('reads lines again after their commit failed, so none is lost or skipped', async () => {
    const [first, more] = lineGroups(4, 4);
    writeFileSync(path, text(first));
    follower = followFile(path, db);
    await readAll(follower, 4);
    const saved = follower.store.readCursor(path);

    const trigger = new Database(db);
    trigger.exec(`CREATE TRIGGER fail_insert BEFORE INSERT ON events
                  BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    appendFileSync(path, text(more));
    await waitFor('failure reported', () => follower?.tracker.lastError?.includes('disk on fire'));
    expect(follower.store.readCursor(path)).toEqual(saved);
    expect(follower.store.count()).toBe(4);

    trigger.exec('DROP TRIGGER fail_insert');
    trigger.close();
    await waitFor('lines stored after all', () => follower?.store.count() === 8);
    expect(follower.store.readCursor(path)).toMatchObject({ offset: statSync(path).size, line: 8 });
  });
});
