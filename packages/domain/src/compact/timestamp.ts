import { timeKey } from '../util/time.ts';

const EPOCH = '1970-01-01T00:00:00.000000000Z';

/**
 * The `--timestamps` column: UTC with exactly nine fractional digits. A missing or
 * unreadable time prints the epoch, as Go's nil Timestamp does.
 */
export function compactTimestamp(time: string): string {
  return timeKey(time) || EPOCH;
}
