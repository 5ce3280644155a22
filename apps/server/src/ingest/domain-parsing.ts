/**
 * Parsing and storing go through @exectree/domain's light entry point; types still come from
 * '@exectree/domain' (type imports cost nothing at run time).
 */
export {
  DEFAULT_MAX_LINE_LENGTH,
  contentHash,
  exitOnlyId,
  parseLine,
  timeKey,
} from '@exectree/domain/parsing';
