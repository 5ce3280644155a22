import { describe, expect, it } from 'vitest';
import { goQuote, maybeQuote } from './go-quote.ts';

describe('goQuote (strconv.Quote)', () => {
  it.each([
    ['plain', '"plain"'],
    ['a b', '"a b"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['\u0007\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\u001b[31m', '"\\x1b[31m"'],
    ['\u007f\u0000', '"\\x7f\\x00"'],
    ['\u0085', '"\\u0085"'],
    ['no\u00a0break', '"no\\u00a0break"'],
    ['zero\u200bwidth', '"zero\\u200bwidth"'],
    ['\ue000', '"\\ue000"'],
    ['\u{f0000}', '"\\U000f0000"'],
    ['é ü ✓ 😀', '"é ü ✓ 😀"'],
    ['\ud800', '"\ufffd"'],
  ])('%j', (input, quoted) => {
    expect(goQuote(input)).toBe(quoted);
  });
});

describe('maybeQuote', () => {
  it('keeps strings without spaces or non-printables', () => {
    for (const text of ['', '/usr/bin/curl', '--version', 'é😀', 'say"hi"', 'a\\b']) {
      expect(maybeQuote(text)).toBe(text);
    }
  });

  it('quotes strings with a space or a non-printable rune', () => {
    expect(maybeQuote('-c echo hi')).toBe('"-c echo hi"');
    expect(maybeQuote('tab\there')).toBe('"tab\\there"');
    expect(maybeQuote('👩\u200d💻')).toBe('"👩\\u200d💻"');
  });
});
