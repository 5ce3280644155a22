import { readdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The rotated copies of `path` in its directory, oldest first. Tetragon's lumberjack renames
 * `tetragon.log` to `tetragon-2006-01-02T15-04-05.000.log` and may gzip that to `.log.gz`;
 * the timestamp makes name order rotation order. While a copy is being gzipped both names
 * exist, and the complete plain one is listed.
 */
export async function listBackups(path: string): Promise<string[]> {
  const name = basename(path);
  const ext = extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const pattern = new RegExp(
    `^${escape(stem)}-(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{3})${escape(ext)}(\\.gz)?$`,
  );
  const byTime = new Map<string, string>();
  for (const entry of await readdir(dirname(path))) {
    const match = pattern.exec(entry);
    const time = match?.[1];
    if (time === undefined) continue;
    if (match?.[2] === undefined || !byTime.has(time)) byTime.set(time, entry);
  }
  return [...byTime]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, entry]) => join(dirname(path), entry));
}
