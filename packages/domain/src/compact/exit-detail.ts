import { readInteger, readString, type JsonRecord } from './json-read.ts';

/**
 * The last column of an exit line: the signal when there is one, else the status. Both are
 * omitted from the JSON when zero/empty, so a clean exit prints `0`.
 */
export function exitDetail(body: JsonRecord): string {
  const signal = readString(body, 'signal');
  return signal !== '' ? signal : String(readInteger(body, 'status'));
}
