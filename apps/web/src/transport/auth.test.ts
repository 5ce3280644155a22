import { afterEach, describe, expect, it, vi } from 'vitest';
import { goToLogin, loginUrl, resetLoginRedirect, sessionEnded } from './auth.ts';

afterEach(() => resetLoginRedirect());

const answering = (status: number) =>
  vi.fn(async () => new Response('{}', { status })) as unknown as typeof fetch;

describe('auth', () => {
  it('sends the browser to the sign-in form with the page to come back to', () => {
    expect(loginUrl({ pathname: '/', search: '?ns=default&pod=xwing' })).toBe(
      '/login?next=%2F%3Fns%3Ddefault%26pod%3Dxwing',
    );
    expect(loginUrl({ pathname: '/', search: '' })).toBe('/login?next=%2F');
  });

  it('leaves only once, however many requests fail', () => {
    const assign = vi.fn();
    const win = { location: { pathname: '/', search: '?q=sh', assign } } as unknown as Window;
    goToLogin(win);
    goToLogin(win);
    expect(assign).toHaveBeenCalledTimes(1);
    expect(assign).toHaveBeenCalledWith('/login?next=%2F%3Fq%3Dsh');
  });

  it('tells an ended session (401) from a server that is down or refuses for another reason', async () => {
    expect(await sessionEnded(answering(401))).toBe(true);
    expect(await sessionEnded(answering(200))).toBe(false);
    expect(await sessionEnded(answering(403))).toBe(false);
    const down = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await sessionEnded(down)).toBe(false);
  });
});
