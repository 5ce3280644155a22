import { open, type FileHandle } from 'node:fs/promises';
import type { NumberedLine } from '../line-splitter.ts';
import { ByteLineSplitter, type LinePosition } from './byte-line-splitter.ts';
import { FINGERPRINT_BYTES, fileIdOf } from './fingerprint.ts';

/**
 * Stores a batch of lines and the position after them in one transaction, or throws; a store
 * that commits later (PostgreSQL) returns a promise of the commit, and nothing more is read
 * until it settles.
 */
export type Commit = (lines: NumberedLine[], end: LinePosition) => void | Promise<void>;

/**
 * The followed file, kept open: after a rename the handle still reads the old file, so its
 * last lines are not lost. Only committed positions count: a failed commit rewinds to the
 * last committed one, and the next drain reads those lines again.
 */
export class LiveFile {
  private splitter: ByteLineSplitter;
  private committed: LinePosition = { offset: 0, line: 0 };

  private constructor(
    private readonly handle: FileHandle,
    readonly fileId: string,
    private first: Buffer,
    readonly size: number,
    private readonly maxLineBytes: number | undefined,
  ) {
    this.splitter = new ByteLineSplitter(undefined, maxLineBytes);
  }

  /** The first bytes, growing while the file is shorter than FINGERPRINT_BYTES. */
  get prefix(): Buffer {
    return this.first;
  }

  static async open(path: string, maxLineBytes?: number): Promise<LiveFile> {
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat();
      const prefix = Buffer.alloc(Math.min(FINGERPRINT_BYTES, info.size));
      const { bytesRead } = await handle.read(prefix, 0, prefix.length, 0);
      return new LiveFile(
        handle,
        fileIdOf(info),
        prefix.subarray(0, bytesRead),
        info.size,
        maxLineBytes,
      );
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Bytes read so far, a held partial line included. */
  get bytesRead(): number {
    return this.splitter.bytesFed;
  }

  /** Continue after `from` instead of the start. */
  seek(from: LinePosition): void {
    this.splitter = new ByteLineSplitter(from, this.maxLineBytes);
    this.committed = { ...from };
  }

  /** Reads to the current end, committing the complete lines of each chunk. */
  async drain(buffer: Buffer, commit: Commit, stopped: () => boolean): Promise<void> {
    while (!stopped()) {
      const at = this.splitter.bytesFed;
      const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, at);
      if (bytesRead === 0) return;
      const chunk = buffer.subarray(0, bytesRead);
      this.growPrefix(chunk, at);
      const lines = this.splitter.push(chunk);
      if (lines.length > 0) await this.commit(commit, lines);
    }
  }

  /** The file will not grow again (it was rotated away): its last line needs no newline. */
  async finish(commit: Commit): Promise<void> {
    const lines = this.splitter.end();
    if (lines.length > 0) await this.commit(commit, lines);
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  private async commit(commit: Commit, lines: NumberedLine[]): Promise<void> {
    const end = this.splitter.position;
    try {
      await commit(lines, end);
      this.committed = end;
    } catch (error) {
      this.splitter = new ByteLineSplitter(this.committed, this.maxLineBytes);
      throw error;
    }
  }

  private growPrefix(chunk: Buffer, at: number): void {
    const have = this.first.length;
    if (have >= FINGERPRINT_BYTES || at > have || at + chunk.length <= have) return;
    const more = chunk.subarray(have - at, FINGERPRINT_BYTES - at);
    this.first = Buffer.concat([this.first, more]);
  }
}
