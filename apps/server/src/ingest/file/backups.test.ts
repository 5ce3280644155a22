import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listBackups } from './backups.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exectree-backups-test-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('listBackups', () => {
  it("lists lumberjack's rotated copies oldest first, the plain one while both exist", async () => {
    for (const name of [
      'tetragon.log',
      'tetragon-2025-03-01T10-00-00.000.log.gz',
      'tetragon-2025-02-28T23-59-59.999.log',
      'tetragon-2025-03-01T11-00-00.000.log',
      'tetragon-2025-03-01T11-00-00.000.log.gz',
      'tetragon-old.log',
      'other-2025-03-01T10-00-00.000.log',
      'tetragon-2025-03-01T12-00-00.000.json',
    ]) {
      writeFileSync(join(dir, name), '');
    }
    expect(await listBackups(join(dir, 'tetragon.log'))).toEqual([
      join(dir, 'tetragon-2025-02-28T23-59-59.999.log'),
      join(dir, 'tetragon-2025-03-01T10-00-00.000.log.gz'),
      join(dir, 'tetragon-2025-03-01T11-00-00.000.log'),
    ]);
  });

  it('handles names without an extension', async () => {
    writeFileSync(join(dir, 'events-2025-03-01T10-00-00.000'), '');
    expect(await listBackups(join(dir, 'events'))).toEqual([
      join(dir, 'events-2025-03-01T10-00-00.000'),
    ]);
  });
});
