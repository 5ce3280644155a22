/**
 * Just enough of the source map v3 format to turn a position in a minified bundle into
 * the original file and line: decodes the base64 VLQ `mappings`.
 */

interface RawSourceMap {
  sources: string[];
  mappings: string;
}

interface Segment {
  column: number;
  source: number;
  line: number;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((ch, i) => [ch, i]));

/** The VLQ numbers of one segment, e.g. "AAgBC" → [0, 0, 16, 1]. */
export function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = DIGIT.get(ch);
    if (digit === undefined) throw new Error(`not base64 VLQ: ${text}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

export interface SourceMap {
  /** Original "file:line" (1-based) of a 0-based generated line and column, if mapped. */
  lookup(line: number, column: number): string | undefined;
}

export function parseSourceMap(json: string): SourceMap {
  const map = JSON.parse(json) as RawSourceMap;
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  for (const generated of map.mappings.split(';')) {
    const segments: Segment[] = [];
    let column = 0;
    for (const part of generated.split(',')) {
      if (part === '') continue;
      const [dc = 0, ds, dl] = decodeVlq(part);
      column += dc;
      if (ds === undefined || dl === undefined) continue;
      source += ds;
      line += dl;
      segments.push({ column, source, line });
    }
    lines.push(segments);
  }
  return {
    lookup(genLine, genColumn) {
      const segments = lines[genLine];
      if (!segments) return undefined;
      let found: Segment | undefined;
      for (const s of segments) {
        if (s.column > genColumn) break;
        found = s;
      }
      if (!found) return undefined;
      const file = (map.sources[found.source] ?? '?').replace(/^(\.\.\/)+/, '');
      return `${file}:${found.line + 1}`;
    },
  };
}
