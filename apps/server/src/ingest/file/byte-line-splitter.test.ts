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
    const error = 'line too long (limit 4 characters)';
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
});
