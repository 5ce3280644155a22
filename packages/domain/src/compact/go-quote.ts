/**
 * Go's strconv.Quote and tetra's maybeQuote. tetra escapes user-controlled strings
 * (binaries, arguments, paths, hostnames, user-space symbols) so they cannot drive the
 * terminal; a string is quoted only when it holds a space or a non-printable rune.
 */
const GO_PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const SIMPLE_ESCAPES: Readonly<Record<number, string>> = {
  0x07: '\\a',
  0x08: '\\b',
  0x0c: '\\f',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x0b: '\\v',
};
const REPLACEMENT_CHARACTER = 0xfffd;

function runesOf(text: string): number[] {
  const runes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? REPLACEMENT_CHARACTER;
    // A lone surrogate cannot exist in a Go string; its JSON decoder yields U+FFFD instead.
    runes.push(code >= 0xd800 && code <= 0xdfff ? REPLACEMENT_CHARACTER : code);
  }
  return runes;
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrintable(rune: number): boolean {
  return rune === 0x20 || GO_PRINTABLE.test(String.fromCodePoint(rune));
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

function escapeRune(rune: number): string {
  if (rune === 0x22) return '\\"';
  if (rune === 0x5c) return '\\\\';
  if (isGoPrintable(rune)) return String.fromCodePoint(rune);
  const simple = SIMPLE_ESCAPES[rune];
  if (simple !== undefined) return simple;
  if (rune < 0x20 || rune === 0x7f) return `\\x${hex(rune, 2)}`;
  if (rune < 0x10000) return `\\u${hex(rune, 4)}`;
  return `\\U${hex(rune, 8)}`;
}

export function goQuote(text: string): string {
  return `"${runesOf(text).map(escapeRune).join('')}"`;
}

export function maybeQuote(text: string): string {
  const needsQuotes = runesOf(text).some((rune) => rune === 0x20 || !isGoPrintable(rune));
  return needsQuotes ? goQuote(text) : text;
}
