import { StringDecoder } from 'node:string_decoder';
import { DEFAULT_MAX_LINE_LENGTH } from './domain-parsing.ts';

/** One line of a source, numbered from 1; `error` marks a line that cannot be parsed at all. */
export interface NumberedLine {
  lineNo: number;
  text: string;
  error?: string;
}

/**
 * Turns a byte stream into numbered lines, holding back a partial trailing line until its
 * newline arrives. UTF-8 sequences split across chunks are reassembled.
 */
export class LineSplitter {
  private decoder = new StringDecoder('utf8');
  private partial = '';
  private overflowing = false;
  private lineNo = 0;

  constructor(private readonly maxLineLength = DEFAULT_MAX_LINE_LENGTH) {}

  push(chunk: Buffer | string): NumberedLine[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const out: NumberedLine[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.emit(out, text.slice(start, nl));
      start = nl + 1;
    }
    this.hold(text.slice(start));
    return out;
  }

  /** End of input: a final line without a newline is still a line. */
  end(): NumberedLine[] {
    const rest = this.decoder.end();
    if (rest) this.hold(rest);
    const out: NumberedLine[] = [];
    if (this.partial !== '' || this.overflowing) this.emit(out, '');
    return out;
  }

  /** Start again from the first line, e.g. after the followed file was truncated. */
  reset(): void {
    this.decoder = new StringDecoder('utf8');
    this.partial = '';
    this.overflowing = false;
    this.lineNo = 0;
  }

  private hold(tail: string): void {
    if (this.overflowing) return;
    this.partial += tail;
    // A runaway line (say, a binary file) must not grow without bound; it is reported once complete.
    if (this.partial.length > this.maxLineLength) {
      this.partial = '';
      this.overflowing = true;
    }
  }

  private emit(out: NumberedLine[], tail: string): void {
    this.lineNo += 1;
    if (this.overflowing || this.partial.length + tail.length > this.maxLineLength) {
      out.push({
        lineNo: this.lineNo,
        text: '',
        error: `line too long (limit ${this.maxLineLength} characters)`,
      });
    } else {
      out.push({ lineNo: this.lineNo, text: this.partial + tail });
    }
    this.partial = '';
    this.overflowing = false;
  }
}

/** Splits a complete text (a request body) into numbered lines. */
export function splitText(text: string): NumberedLine[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, index) => ({ lineNo: index + 1, text: line }));
}
