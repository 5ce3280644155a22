import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir; call the returned cleanup when done. */
export function makeTempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'exectree-server-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
