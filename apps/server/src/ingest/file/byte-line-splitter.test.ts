import { describe, expect, it } from 'vitest';
import { ByteLineSplitter } from './byte-line-splitter.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('ByteLineSplitter', () => {
  it('numbers lines and tracks the byte offset after the last complete one', () => {
    const splitter = new ByteLineSplitter();
    expect(splitter.push(bytes('a\n\nbc'))).toEqual([
      { lineNo: 1, text: 'a' },
      { lineNo: 2, text: '' },
    ]);
    expect(splitter.position).toEqual({ offset: 3, line: 2 });
    expect(splitter.bytesFed).toBe(5);
    expect(splitter.push(bytes('d\ne'))).toEqual([{ lineNo: 3, text: 'bcd' }]);
    expect(splitter.position).toEqual({ offset: 7, line: 3 });
    expect(splitter.end()).toEqual([{ lineNo: 4, text: 'e' }]);
    expect(splitter.position).toEqual({ offset: 8, line: 4 });
  });

  it('reassembles a UTF-8 character split across chunks, offsets counting bytes', () => {
    const all = bytes('é€\n🚀x\n');
    const splitter = new ByteLineSplitter();
    const lines = [...all].map((byte) => splitter.push(Buffer.from([byte]))).flat();
    expect(lines.map((line) => line.text)).toEqual(['é€', '🚀x']);
    expect(splitter.position).toEqual({ offset: all.length, line: 2 });
  });

  it('continues from a saved position', () => {
    const splitter = new ByteLineSplitter({ offset: 100, line: 7 });
    expect(splitter.push(bytes('x\ny'))).toEqual([{ lineNo: 8, text: 'x' }]);
    expect(splitter.position).toEqual({ offset: 102, line: 8 });
    expect(splitter.bytesFed).toBe(103);
  });

  it('reports a line over the limit once, whether it is held or whole in a chunk', () => {
    const splitter = new ByteLineSplitter(undefined, 4);
    const error = 'line too long (limit 4 bytes)';
    expect(splitter.push(bytes('abcde\nok\n'))).toEqual([
      { lineNo: 1, text: '', error },
      { lineNo: 2, text: 'ok' },
    ]);
    expect(splitter.push(bytes('x'.repeat(13)))).toEqual([]);
    expect(splitter.push(bytes('y'.repeat(13)))).toEqual([]);
    expect(splitter.push(bytes('z\nend\n'))).toEqual([
      { lineNo: 3, text: '', error },
      { lineNo: 4, text: 'end' },
    ]);
    expect(splitter.position).toEqual({ offset: 9 + 26 + 6, line: 4 });
  });

  it('counts the limit in bytes: four 3-byte characters are 12 bytes', () => {
    const splitter = new ByteLineSplitter(undefined, 11);
    expect(splitter.push(bytes('€€€€\n€€€\n'))).toEqual([
      { lineNo: 1, text: '', error: 'line too long (limit 11 bytes)' },
      { lineNo: 2, text: '€€€' },
    ]);
  });

  it('holds at most the limit of a runaway line, however much of it arrives', () => {
    const splitter = new ByteLineSplitter(undefined, 1024);
    for (let i = 0; i < 100; i += 1) splitter.push(Buffer.alloc(64 * 1024, 0x61));
    expect(splitter.push(bytes('\n{}\n'))).toEqual([
      { lineNo: 1, text: '', error: 'line too long (limit 1024 bytes)' },
      { lineNo: 2, text: '{}' },
    ]);
  });

  it('rejects a line with invalid UTF-8 instead of replacing its bytes, held or whole', () => {
    const bad = Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    const overlong = Buffer.from([0xc0, 0xaf]);
    const surrogate = Buffer.from([0xed, 0xa0, 0x80]);
    const truncated = Buffer.from([0xe2, 0x82]);
    const splitter = new ByteLineSplitter();
    const lines = splitter.push(
      Buffer.concat([bad, bytes('\n'), overlong, bytes('\nok\n'), surrogate, bytes('\n')]),
    );
    lines.push(...splitter.push(truncated), ...splitter.push(bytes('\n')));
    lines.push(...splitter.push(bytes('é')), ...splitter.end());
    expect(lines).toEqual([
      { lineNo: 1, text: '', error: 'invalid UTF-8' },
      { lineNo: 2, text: '', error: 'invalid UTF-8' },
      { lineNo: 3, text: 'ok' },
      { lineNo: 4, text: '', error: 'invalid UTF-8' },
      { lineNo: 5, text: '', error: 'invalid UTF-8' },
      { lineNo: 6, text: 'é' },
    ]);
  });
});
