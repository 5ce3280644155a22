import { createReadStream, mkdirSync, rmSync, statSync } from 'node:fs';

/** Deletes a SQLite database with its -wal and -shm files. */
export function removeDb(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

export function dbBytes(path: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(path + suffix).size;
    } catch {
      // A missing -wal file is no data.
    }
  }
  return total;
}

export function freshDir(path: string): string {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return path;
}

/** Number of non-empty lines, counted without holding the file in memory. */
export async function countLines(path: string): Promise<number> {
  let lines = 0;
  let lastByte = 0x0a;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) lines += 1;
    lastByte = bytes[bytes.length - 1] ?? lastByte;
  }
  return lastByte === 0x0a ? lines : lines + 1;
}
