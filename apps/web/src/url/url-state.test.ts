import { describe, expect, it } from 'vitest';
import { EMPTY_QUERY } from '../view/search-query.ts';
import {
  decodeRoute,
  DEFAULT_ROUTE,
  encodeRoute,
  isTypingChange,
  sameRoute,
  type Route,
} from './url-state.ts';

const EXEC = 'a2luZC1jb250cm9sLXBsYW5lOjkwNzkyMjU2MjMyNjk6NDM4NzI=';
const route = (patch: Partial<Route>): Route => ({ ...DEFAULT_ROUTE, ...patch });

describe('url state', () => {
  it('encodes pods as ns and pod, keeping exec ids readable', () => {
    const search = encodeRoute(route({ group: 'pod/default/xwing', exec: EXEC }));
    expect(search).toBe(`?ns=default&pod=xwing&exec=${EXEC}`);
    expect(decodeRoute(search)).toEqual(route({ group: 'pod/default/xwing', exec: EXEC }));
  });

  it('round-trips exec ids containing + and /', () => {
    const exec = 'ab+c/d==';
    const search = encodeRoute(route({ group: 'host/node-1', exec }));
    expect(search).toBe('?group=host/node-1&exec=ab%2Bc/d==');
    expect(decodeRoute(search)).toEqual(route({ group: 'host/node-1', exec }));
  });

  it('encodes containers and hosts by group key', () => {
    expect(encodeRoute(route({ group: 'container/1fb931d2f6e5' }))).toBe(
      '?group=container/1fb931d2f6e5',
    );
    expect(decodeRoute('?group=container/1fb931d2f6e5').group).toBe('container/1fb931d2f6e5');
  });

  it('round-trips odd names', () => {
    const odd = route({ group: 'pod/ns with space/näme&x' });
    expect(decodeRoute(encodeRoute(odd))).toEqual(odd);
  });

  it('leaves defaults out and decodes malformed values to them', () => {
    expect(encodeRoute(DEFAULT_ROUTE)).toBe('');
    expect(decodeRoute('')).toEqual(DEFAULT_ROUTE);
    expect(decodeRoute('?group=nonsense&exec=')).toEqual(DEFAULT_ROUTE);
    expect(decodeRoute('?ns=default')).toEqual(DEFAULT_ROUTE);
    expect(
      decodeRoute(
        '?view=pie&from=yesterday&to=2024-01-01T00:00:00Z&fstate=zombie&flagged=yes&only=true&paused=0',
      ),
    ).toEqual(DEFAULT_ROUTE);
  });

  it.each<[string, Partial<Route>, string]>([
    ['view', { view: 'timeline' }, 'view=timeline'],
    ['split view', { view: 'split' }, 'view=split'],
    [
      'time range with nanoseconds',
      { range: { from: '2026-01-01T00:00:01.123456789Z', to: '2026-01-01T00:05:00Z' } },
      'from=2026-01-01T00:00:01.123456789Z&to=2026-01-01T00:05:00Z',
    ],
    [
      'search text',
      { query: { ...EMPTY_QUERY, text: 'curl -s "a b"&c=1 ünï' } },
      'q=curl%20-s%20%22a%20b%22%26c=1%20%C3%BCn%C3%AF',
    ],
    ['namespace facet', { query: { ...EMPTY_QUERY, namespace: 'kube-system' } }, 'fns=kube-system'],
    ['pod facet', { query: { ...EMPTY_QUERY, pod: 'web-1' } }, 'fpod=web-1'],
    ['binary facet', { query: { ...EMPTY_QUERY, binary: '/usr/bin/curl' } }, 'fbin=/usr/bin/curl'],
    ['state facet', { query: { ...EMPTY_QUERY, state: 'running' } }, 'fstate=running'],
    ['flagged facet', { query: { ...EMPTY_QUERY, flagged: true } }, 'flagged=1'],
    ['only matches', { onlyMatches: true }, 'only=1'],
    ['paused', { paused: true }, 'paused=1'],
    ['exec probes shown', { showProbes: true }, 'probes=1'],
  ])('round-trips the %s', (_name, patch, expected) => {
    const r = route(patch);
    const search = encodeRoute(r);
    expect(search).toBe(`?${expected}`);
    expect(decodeRoute(search)).toEqual(r);
  });

  it('round-trips every field at once', () => {
    const all = route({
      group: 'pod/payments/api-1',
      exec: EXEC,
      view: 'split',
      range: { from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:10:00.5Z' },
      query: {
        text: 'sh -c',
        namespace: 'payments',
        pod: 'api-1',
        binary: 'sh',
        state: 'exited',
        flagged: true,
      },
      onlyMatches: true,
      paused: true,
      showProbes: true,
      folds: { expanded: new Set([`group:${EXEC}:/bin/sh`]), collapsed: new Set([EXEC]) },
      revealOff: true,
    });
    const decoded = decodeRoute(encodeRoute(all));
    expect(decoded).toEqual(all);
    expect(sameRoute(decoded, all)).toBe(true);
  });

  it('keeps folds and reveal=0 only where they mean something: in a group, with a selection', () => {
    const folds = { expanded: new Set<string>(), collapsed: new Set([EXEC]) };
    const search = encodeRoute(route({ group: 'host/node-1', folds }));
    expect(search).toMatch(/^\?group=host\/node-1&fold=c0\.[^&]+$/);
    expect(decodeRoute(search).folds.collapsed).toEqual(new Set([EXEC]));
    expect(encodeRoute(route({ folds, revealOff: true }))).toBe('');
    expect(decodeRoute(`?fold=c0.${EXEC}&reveal=0`)).toEqual(DEFAULT_ROUTE);
    expect(decodeRoute('?group=host/node-1&reveal=0').revealOff).toBe(false);
    expect(decodeRoute('?group=host/node-1&fold=zz').folds.collapsed.size).toBe(0);
  });

  it('swaps a reversed range', () => {
    expect(decodeRoute('?from=2026-01-01T00:10:00Z&to=2026-01-01T00:00:00Z').range).toEqual({
      from: '2026-01-01T00:00:00Z',
      to: '2026-01-01T00:10:00Z',
    });
  });

  it('tells typing apart from other changes', () => {
    const a = route({ query: { ...EMPTY_QUERY, text: 'cur' } });
    expect(isTypingChange(a, route({ query: { ...EMPTY_QUERY, text: 'curl' } }))).toBe(true);
    expect(
      isTypingChange(a, route({ query: { ...EMPTY_QUERY, text: 'curl', flagged: true } })),
    ).toBe(false);
    expect(isTypingChange(a, route({ query: a.query, view: 'timeline' }))).toBe(false);
    expect(isTypingChange(a, a)).toBe(false);
  });
});
