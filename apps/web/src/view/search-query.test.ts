import { describe, expect, it } from 'vitest';
import type { Finding } from '@exectree/domain';
import { makeProcess } from '../test/fixtures.ts';
import { compileQuery, EMPTY_QUERY, facetCount, isEmptyQuery, sameQuery } from './search-query.ts';

const pod = (namespace: string, name: string) => ({
  namespace,
  name,
  container: null,
  workload: null,
  workloadKind: null,
  labels: {},
});

const curl = makeProcess({
  execId: 'curl',
  binary: '/usr/bin/curl',
  arguments: '-s https://Example.com/x',
  cwd: '/srv/app',
  pod: pod('payments', 'api-1'),
});
const finding: Finding = { rule: 'binary-in-tmp', reason: 'x', relatedExecId: null };
const payload = makeProcess({
  execId: 'payload',
  binary: '/tmp/x',
  state: 'exited',
  exitTime: '2024-01-01T00:00:05Z',
  status: 0,
  findings: [finding],
  pod: pod('default', 'web'),
});

describe('search query', () => {
  it('an empty query matches nothing rather than everything', () => {
    expect(isEmptyQuery(EMPTY_QUERY)).toBe(true);
    expect(isEmptyQuery({ ...EMPTY_QUERY, text: '   ' })).toBe(true);
    expect(compileQuery(EMPTY_QUERY, null)).toBeNull();
  });

  it('matches text case-insensitively in binary, arguments and cwd', () => {
    const match = (text: string) => compileQuery({ ...EMPTY_QUERY, text }, null);
    expect(match('CURL')?.(curl)).toBe(true);
    expect(match('example.com')?.(curl)).toBe(true);
    expect(match('/srv')?.(curl)).toBe(true);
    expect(match('wget')?.(curl)).toBe(false);
  });

  it('applies every facet (AND)', () => {
    const q = (patch: Partial<typeof EMPTY_QUERY>) =>
      compileQuery({ ...EMPTY_QUERY, ...patch }, null);
    expect(q({ namespace: 'payments' })?.(curl)).toBe(true);
    expect(q({ namespace: 'payments' })?.(payload)).toBe(false);
    expect(q({ pod: 'web' })?.(payload)).toBe(true);
    expect(q({ binary: 'curl' })?.(curl)).toBe(true);
    expect(q({ binary: '/usr/bin/curl' })?.(curl)).toBe(true);
    expect(q({ binary: '/bin/curl' })?.(curl)).toBe(false);
    expect(q({ binary: 'cur' })?.(curl)).toBe(false);
    expect(q({ state: 'exited' })?.(payload)).toBe(true);
    expect(q({ state: 'exited' })?.(curl)).toBe(false);
    expect(q({ flagged: true })?.(payload)).toBe(true);
    expect(q({ flagged: true })?.(curl)).toBe(false);
    expect(q({ flagged: true, text: 'tmp' })?.(payload)).toBe(true);
    expect(q({ flagged: true, text: 'curl' })?.(payload)).toBe(false);
  });

  it('treats the time range as a facet', () => {
    const range = { from: '2024-01-01T00:00:10Z', to: '2024-01-01T00:00:20Z' };
    const matcher = compileQuery({ ...EMPTY_QUERY, text: '/' }, range);
    expect(matcher?.(curl)).toBe(true); // running since 00:00:00
    expect(matcher?.(payload)).toBe(false); // exited at 00:00:05
  });

  it('counts and compares facets', () => {
    const q = { ...EMPTY_QUERY, text: 'x', state: 'running' as const, flagged: true };
    expect(facetCount(q)).toBe(2);
    expect(sameQuery(q, { ...q })).toBe(true);
    expect(sameQuery(q, { ...q, pod: 'a' })).toBe(false);
  });
});
