import { describe, expect, it } from 'vitest';
import { LineSplitter, splitText } from './line-splitter.ts';

describe('LineSplitter', () => {
  it('holds a partial line until its newline arrives', () => {
    const splitter = new LineSplitter();
    expect(splitter.push(Buffer.from('one\ntw'))).toEqual([{ lineNo: 1, text: 'one' }]);
    expect(splitter.push(Buffer.from('o'))).toEqual([]);
    expect(splitter.push(Buffer.from('\n\nthree\n'))).toEqual([
      { lineNo: 2, text: 'two' },
      { lineNo: 3, text: '' },
      { lineNo: 4, text: 'three' },
    ]);
  });

  it('reassembles UTF-8 characters split across chunks', () => {
    const bytes = Buffer.from('é→\n');
    const splitter = new LineSplitter();
    expect(splitter.push(bytes.subarray(0, 1))).toEqual([]);
    expect(splitter.push(bytes.subarray(1, 4))).toEqual([]);
    expect(splitter.push(bytes.subarray(4))).toEqual([{ lineNo: 1, text: 'é→' }]);
  });

  it('emits the last line at end of input and numbers again after reset', () => {
    const splitter = new LineSplitter();
    splitter.push('a\nb');
    expect(splitter.end()).toEqual([{ lineNo: 2, text: 'b' }]);
    splitter.reset();
    expect(splitter.push('c\n')).toEqual([{ lineNo: 1, text: 'c' }]);
  });

  it('reports an overlong line once, without keeping it', () => {
    const splitter = new LineSplitter(8);
    expect(splitter.push('0123456789')).toEqual([]);
    expect(splitter.push('more\nok\n')).toEqual([
      { lineNo: 1, text: '', error: 'line too long (limit 8 characters)' },
      { lineNo: 2, text: 'ok' },
    ]);
  });
});

describe('splitText', () => {
  it('numbers lines from 1 and ignores the final newline', () => {
    expect(splitText('a\n\nb\n')).toEqual([
      { lineNo: 1, text: 'a' },
      { lineNo: 2, text: '' },
      { lineNo: 3, text: 'b' },
    ]);
    expect(splitText('')).toEqual([]);
  });
});
