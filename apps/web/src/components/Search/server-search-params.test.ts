import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY } from '../../view/search-query.ts';
import { SERVER_SEARCH_LIMIT, serverSearchParams } from './server-search-params.ts';

const range = { from: '2026-01-01T00:00:05Z', to: '2026-01-01T00:00:10.123456789Z' };

describe('serverSearchParams', () => {
  it('asks nothing for an empty query, even with a time range', () => {
    expect(serverSearchParams(EMPTY_QUERY, null)).toBeNull();
    expect(serverSearchParams({ ...EMPTY_QUERY, text: '   ' }, range)).toBeNull();
  });

  it('sends the trimmed text and every facet the user set', () => {
    expect(
      serverSearchParams(
        {
          text: ' curl ',
          namespace: 'payments',
          pod: 'postgres-0',
          binary: 'sh',
          state: 'exited',
          flagged: true,
        },
        null,
      ),
    ).toEqual({
      limit: String(SERVER_SEARCH_LIMIT),
      q: 'curl',
      namespace: 'payments',
      pod: 'postgres-0',
      binary: 'sh',
      state: 'exited',
      flagged: 'true',
    });
  });

  it('lets the server apply flagged and the alive-in-range rule, bounds unchanged', () => {
    expect(serverSearchParams({ ...EMPTY_QUERY, flagged: true }, range)).toEqual({
      limit: String(SERVER_SEARCH_LIMIT),
      flagged: 'true',
      from: range.from,
      to: range.to,
    });
    expect(serverSearchParams({ ...EMPTY_QUERY, text: 'x' }, null)).not.toHaveProperty('flagged');
  });
});
