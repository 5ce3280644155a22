import { createHash } from 'node:crypto';

/**
 * A file is recognised by a hash of its first bytes: appending, renaming and gzip keep them,
 * while a new export file starts with different events.
 */
export const FINGERPRINT_BYTES = 4096;

/** `N:HASH` over the first min(offset, FINGERPRINT_BYTES) bytes of `prefix`. */
export function fingerprint(prefix: Buffer, offset: number): string {
  const length = Math.min(offset, FINGERPRINT_BYTES, prefix.length);
  const hash = createHash('sha256').update(prefix.subarray(0, length)).digest('hex');
  return `${length}:${hash.slice(0, 32)}`;
}

/** Whether a file starting with `prefix` is the one `expected` was taken from. */
export function matchesFingerprint(prefix: Buffer, expected: string): boolean {
  const length = Number(expected.slice(0, expected.indexOf(':')));
  return (
    Number.isSafeInteger(length) &&
    prefix.length >= length &&
    fingerprint(prefix, length) === expected
  );
}

/** Identifies a file on its file system for as long as it exists (rename keeps it). */
export function fileIdOf(stats: { dev: number; ino: number }): string {
  return `${stats.dev}:${stats.ino}`;
}
