import { describe, expect, it } from 'vitest';
import { decodeRoute, encodeRoute } from './url-state.ts';

const EXEC = 'a2luZC1jb250cm9sLXBsYW5lOjkwNzkyMjU2MjMyNjk6NDM4NzI=';

describe('url state', () => {
  it('encodes pods as ns and pod, keeping exec ids readable', () => {
    const search = encodeRoute({ group: 'pod/default/xwing', exec: EXEC });
    expect(search).toBe(`?ns=default&pod=xwing&exec=${EXEC}`);
    expect(decodeRoute(search)).toEqual({ group: 'pod/default/xwing', exec: EXEC });
  });

  it('round-trips exec ids containing + and /', () => {
    const exec = 'ab+c/d==';
    const search = encodeRoute({ group: 'host/node-1', exec });
    expect(search).toBe('?group=host/node-1&exec=ab%2Bc/d==');
    expect(decodeRoute(search)).toEqual({ group: 'host/node-1', exec });
  });

  it('encodes containers and hosts by group key', () => {
    expect(encodeRoute({ group: 'container/1fb931d2f6e5', exec: null })).toBe(
      '?group=container/1fb931d2f6e5',
    );
    expect(decodeRoute('?group=container/1fb931d2f6e5').group).toBe('container/1fb931d2f6e5');
  });

  it('round-trips odd names', () => {
    const route = { group: 'pod/ns with space/näme&x', exec: null };
    expect(decodeRoute(encodeRoute(route))).toEqual(route);
  });

  it('ignores malformed and missing values', () => {
    expect(decodeRoute('')).toEqual({ group: null, exec: null });
    expect(decodeRoute('?group=nonsense&exec=')).toEqual({ group: null, exec: null });
    expect(decodeRoute('?ns=default')).toEqual({ group: null, exec: null });
    expect(encodeRoute({ group: null, exec: null })).toBe('');
  });
});
