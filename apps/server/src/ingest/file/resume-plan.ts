import { stat } from 'node:fs/promises';
import type { FileCursor } from '../../store/event-store.ts';
import { listBackups } from './backups.ts';
import type { LinePosition } from './byte-line-splitter.ts';
import { readPrefix } from './file-content.ts';
import { fileIdOf, matchesFingerprint } from './fingerprint.ts';

/** A rotated copy to read before the live file, from `from` to its end. */
export interface BackupRead {
  path: string;
  fileId: string;
  prefix: Buffer;
  from: LinePosition;
}

export type ResumePlan =
  /** The live file is the one the cursor is in: continue there. */
  | { kind: 'live'; from: LinePosition }
  /** The cursor's file was rotated: finish it and any newer copies, then the live file from 0. */
  | { kind: 'backups'; backups: BackupRead[] }
  /** Nothing to continue: the live file from 0. */
  | { kind: 'start' };

export interface LiveFileInfo {
  prefix: Buffer;
  size: number;
}

/**
 * Decides where reading `path` continues after `cursor`. `finished` says the cursor is at the
 * very end of its file, so only copies rotated after it are left to read.
 */
export async function planResume(
  path: string,
  cursor: FileCursor | undefined,
  live: LiveFileInfo,
  finished: boolean,
): Promise<ResumePlan> {
  if (cursor === undefined) return { kind: 'start' };
  if (live.size >= cursor.offset && matchesFingerprint(live.prefix, cursor.fingerprint)) {
    return { kind: 'live', from: { offset: cursor.offset, line: cursor.line } };
  }
  const backups = await listBackups(path);
  for (let index = backups.length - 1; index >= 0; index -= 1) {
    const match = await inspect(backups[index]);
    if (!match || !matchesFingerprint(match.prefix, cursor.fingerprint)) continue;
    const newer: BackupRead[] = [];
    for (const later of backups.slice(index + 1)) {
      const copy = await inspect(later);
      if (copy) newer.push({ ...copy, from: { offset: 0, line: 0 } });
    }
    const rest = { ...match, from: { offset: cursor.offset, line: cursor.line } };
    return { kind: 'backups', backups: finished ? newer : [rest, ...newer] };
  }
  return { kind: 'start' };
}

/** A copy's identity and first bytes; undefined when it vanished or cannot be read. */
async function inspect(
  path: string | undefined,
): Promise<{ path: string; fileId: string; prefix: Buffer } | undefined> {
  if (path === undefined) return undefined;
  try {
    const [info, prefix] = await Promise.all([stat(path), readPrefix(path)]);
    return { path, fileId: fileIdOf(info), prefix };
  } catch {
    return undefined;
  }
}
