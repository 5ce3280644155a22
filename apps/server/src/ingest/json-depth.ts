import type { ParseResult } from '@exectree/domain';

/**
 * Deepest nesting of objects and arrays a line may have. Tetragon's events nest about ten
 * levels; what exectree stores it later serves and renders recursively (the raw events of a
 * process), so an attacker's 10,000-deep line is refused before it is parsed or stored.
 */
export const MAX_JSON_DEPTH = 64;

export const TOO_DEEP = `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * True when `text`, read as JSON, opens more than `max` objects or arrays inside each other.
 * Strings are skipped with indexOf, so the loop visits only the structural characters.
 * Malformed text gives some answer; JSON.parse rejects it later either way.
 */
export function nestedDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  if (text.length <= max) return false;
  // Nesting can never exceed the number of opening brackets. A Tetragon line has a few dozen,
  // so counting them (indexOf skips the rest) usually settles it without walking the strings.
  if (openersAtMost(text, max)) return false;
  let depth = 0;
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = closingQuote(text, at + 1);
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      if (depth > max) return true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth -= 1;
    }
  }
  return false;
}

/** True when `text` holds at most `max` '{' and '[' characters, inside strings or not. */
function openersAtMost(text: string, max: number): boolean {
  let count = 0;
  for (let at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) {
    if ((count += 1) > max) return false;
  }
  for (let at = text.indexOf('['); at >= 0; at = text.indexOf('[', at + 1)) {
    if ((count += 1) > max) return false;
  }
  return true;
}

/** The index of the quote that ends the string starting at `from`, or the end of the text. */
function closingQuote(text: string, from: number): number {
  for (let at = text.indexOf('"', from); at >= 0; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
  return text.length;
}

/** `parse`, but a line nested too deep is rejected before JSON.parse ever sees it. */
export function parseWithinDepth(text: string, parse: (line: string) => ParseResult): ParseResult {
  return nestedDeeperThan(text) ? { kind: 'rejected', reason: TOO_DEEP } : parse(text);
}
