export { formatCompact, type CompactOptions } from './format-compact.ts';
export {
  compileFilterPattern,
  isEmptyCompactFilter,
  matchesCompactFilter,
  type CompactFilter,
} from './filter.ts';
export { goQuote, maybeQuote } from './go-quote.ts';
