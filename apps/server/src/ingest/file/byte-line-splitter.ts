import { isUtf8 } from 'node:buffer';
import type { NumberedLine } from '../line-splitter.ts';
import { DEFAULT_MAX_LINE_BYTES, INVALID_UTF8, lineTooLong } from '../line-limits.ts';

const NEWLINE = 0x0a;

/** A position between two lines: a byte offset and the number of lines before it. */
export interface LinePosition {
  offset: number;
  line: number;
}

/**
 * Splits bytes into numbered lines on 0x0A, which never occurs inside a UTF-8 sequence, so
 * `position` (just after the last complete line) is an exact byte offset to resume from.
 * Each line is decoded on its own, which measured faster than decoding whole chunks and
 * leaves no line pinning a chunk-sized string in memory. A line that is not valid UTF-8 is
 * rejected rather than decoded with U+FFFD in place of its bad bytes, and a line longer than
 * `maxBytes` is dropped as it arrives: at most `maxBytes` of a line are ever held.
 */
export class ByteLineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private overflowing = false;
  private fed: number;
  private done: LinePosition;

  constructor(
    start: LinePosition = { offset: 0, line: 0 },
    private readonly maxBytes = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.fed = start.offset;
    this.done = { ...start };
  }

  /** Just after the last complete line. */
  get position(): LinePosition {
    return { ...this.done };
  }

  /** Bytes seen so far, the held partial line included. */
  get bytesFed(): number {
    return this.fed;
  }

  /** Appends the complete lines in `chunk` to `out`; a trailing partial line is held (copied). */
  push(chunk: Buffer, out: NumberedLine[] = []): NumberedLine[] {
    let start = 0;
    if (this.carryBytes > 0 || this.overflowing) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) {
        this.hold(chunk);
        this.fed += chunk.length;
        return out;
      }
      this.hold(chunk.subarray(0, newline));
      this.emitCarry(out);
      start = newline + 1;
    }
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline >= 0) {
      out.push(this.decode(chunk, start, newline));
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    this.fed += chunk.length;
    this.done.offset = this.fed - (chunk.length - start);
    if (start < chunk.length) this.hold(chunk.subarray(start));
    return out;
  }

  /** End of input: a final line without a newline is still a line. */
  end(out: NumberedLine[] = []): NumberedLine[] {
    if (this.carryBytes > 0 || this.overflowing) {
      this.emitCarry(out);
      this.done.offset = this.fed;
    }
    return out;
  }

  private emitCarry(out: NumberedLine[]): void {
    const bytes = this.carryBytes;
    const line = this.overflowing
      ? this.tooLong()
      : this.decode(Buffer.concat(this.carry, bytes), 0, bytes);
    this.carry = [];
    this.carryBytes = 0;
    this.overflowing = false;
    out.push(line);
  }

  private decode(bytes: Buffer, start: number, end: number): NumberedLine {
    if (end - start > this.maxBytes) return this.rejected(lineTooLong(this.maxBytes));
    // fatal decoding, per line: isUtf8 is a native scan, cheap next to parsing the line.
    if (!isUtf8(bytes.subarray(start, end))) return this.rejected(INVALID_UTF8);
    this.done.line += 1;
    return { lineNo: this.done.line, text: bytes.toString('utf8', start, end) };
  }

  private tooLong(): NumberedLine {
    return this.rejected(lineTooLong(this.maxBytes));
  }

  private rejected(error: string): NumberedLine {
    this.done.line += 1;
    return { lineNo: this.done.line, text: '', error };
  }

  private hold(bytes: Buffer): void {
    if (this.overflowing || bytes.length === 0) return;
    this.carry.push(Buffer.from(bytes));
    this.carryBytes += bytes.length;
    // A runaway line (say, a binary file) must not grow without bound; it is reported once complete.
    if (this.carryBytes > this.maxBytes) {
      this.carry = [];
      this.carryBytes = 0;
      this.overflowing = true;
    }
  }
}
