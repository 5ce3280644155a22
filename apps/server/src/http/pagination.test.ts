import { describe, expect, it } from 'vitest';
import type { Process } from '@exectree/domain';
import { decodeCursor, encodeCursor, paginate } from './pagination.ts';

const proc = (execId: string, startTime: string | null): Process =>
  ({ execId, startTime }) as unknown as Process;

describe('paginate', () => {
  const all = [
    proc('c', '2024-01-01T00:00:03Z'),
    proc('a', '2024-01-01T00:00:01Z'),
    proc('b', '2024-01-01T00:00:01Z'),
    proc('n', null),
  ];

  it('walks every process once, in (start time, execId) order', () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = paginate(all, 2, cursor === null ? undefined : decodeCursor(cursor));
      seen.push(...page.processes.map((p) => p.execId));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['n', 'a', 'b', 'c']);
  });

  it('does not repeat or skip when processes appear before the cursor', () => {
    const first = paginate(all, 2, undefined);
    const grown = [...all, proc('0', '2020-01-01T00:00:00Z')];
    const after = first.nextCursor === null ? undefined : decodeCursor(first.nextCursor);
    expect(paginate(grown, 10, after).processes.map((p) => p.execId)).toEqual(['b', 'c']);
  });

  it('rejects cursors it did not make', () => {
    expect(decodeCursor('zzz')).toBeUndefined();
    expect(decodeCursor(Buffer.from('{"x":1}').toString('base64url'))).toBeUndefined();
    expect(decodeCursor(encodeCursor(['k', 'id']))).toEqual(['k', 'id']);
  });
});
