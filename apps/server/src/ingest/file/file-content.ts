import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { FINGERPRINT_BYTES } from './fingerprint.ts';

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/** Rotated exports may be gzipped (`--export-file-compress`). */
export function isGzip(path: string): boolean {
  return path.endsWith('.gz');
}

/** The content of a file, decompressed when it is gzipped, read in large chunks. */
export interface FileContent {
  chunks: AsyncIterable<Buffer>;
  /** Bytes read from disk so far (compressed bytes for a .gz), for progress. */
  rawBytesRead(): number;
}

/** Opens `path` for reading its content from byte `from` (of the decompressed content). */
export function openContent(path: string, from = 0, chunkBytes = DEFAULT_CHUNK_BYTES): FileContent {
  const gzip = isGzip(path);
  const raw = createReadStream(path, {
    highWaterMark: chunkBytes,
    ...(gzip || from === 0 ? {} : { start: from }),
  });
  if (!gzip) {
    return { chunks: buffers(raw, () => raw.destroy()), rawBytesRead: () => raw.bytesRead };
  }
  const gunzip = createGunzip({ chunkSize: chunkBytes });
  raw.on('error', (error) => gunzip.destroy(error));
  raw.pipe(gunzip);
  const cleanup = () => {
    raw.destroy();
    gunzip.destroy();
  };
  return { chunks: skip(buffers(gunzip, cleanup), from), rawBytesRead: () => raw.bytesRead };
}

async function* buffers(stream: AsyncIterable<unknown>, cleanup: () => void) {
  try {
    for await (const chunk of stream) {
      if (Buffer.isBuffer(chunk)) yield chunk;
    }
  } finally {
    cleanup();
  }
}

/** Drops the first `bytes` bytes: a gzip stream cannot seek. */
async function* skip(chunks: AsyncIterable<Buffer>, bytes: number) {
  let left = bytes;
  for await (const chunk of chunks) {
    if (left >= chunk.length) {
      left -= chunk.length;
      continue;
    }
    yield left > 0 ? chunk.subarray(left) : chunk;
    left = 0;
  }
}

/** The first FINGERPRINT_BYTES of a file's content (fewer when it is shorter). */
export async function readPrefix(path: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let length = 0;
  const content = openContent(path, 0, FINGERPRINT_BYTES);
  for await (const chunk of content.chunks) {
    parts.push(chunk);
    length += chunk.length;
    if (length >= FINGERPRINT_BYTES) break;
  }
  return Buffer.concat(parts, length).subarray(0, FINGERPRINT_BYTES);
}
