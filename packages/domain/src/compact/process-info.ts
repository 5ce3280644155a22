import { maybeQuote } from './go-quote.ts';
import { readArray, readRecord, readString, type JsonRecord } from './json-read.ts';

export interface ProcessInfo {
  /** `<source> <binary>`, source being `namespace/pod` or else the node name. */
  readonly text: string;
  /** The `🛑 CAP_SYS_ADMIN` trailer, or "". */
  readonly caps: string;
}

const CAP_SYS_ADMIN = 21;
const CAPS_COLUMN = 120;

export function readProcessInfo(nodeName: string, process: JsonRecord): ProcessInfo {
  const pod = readRecord(process, 'pod');
  // Kubernetes names are already restricted, so tetra leaves them unquoted.
  const source = pod
    ? `${readString(pod, 'namespace')}/${readString(pod, 'name')}`
    : maybeQuote(nodeName);
  const binary = maybeQuote(readString(process, 'binary'));
  return { text: `${source} ${binary}`, caps: capsTrailer(process) };
}

/**
 * tetra ranges over the *indices* of `cap.effective`, so the trailer appears whenever the
 * list has more than 21 entries, whatever they are. Reproduced as-is for identical output.
 */
function capsTrailer(process: JsonRecord): string {
  const effective = readArray(readRecord(process, 'cap'), 'effective');
  return effective.length > CAP_SYS_ADMIN ? '🛑 CAP_SYS_ADMIN' : '';
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Right-aligns the caps trailer so it ends near column 120 (Go counts bytes, then runes). */
export function withCapsTrailer(line: string, caps: string): string {
  if (caps === '') return line;
  const width = Math.max(0, CAPS_COLUMN - utf8Length(line));
  const padding = Math.max(0, width - [...caps].length);
  return `${line} ${' '.repeat(padding)}${caps}`;
}
