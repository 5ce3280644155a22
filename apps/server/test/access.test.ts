import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { InfoResponse } from '@exectree/domain';
import { WHOAMI, WHOAMI_EXEC_ID, fixtureText } from './helpers/fixtures.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const TOKEN = 'correct-horse-battery-staple-42';
const WRONG = 'correct-horse-battery-staple-43';

let server: TestServer;
let dist: ReturnType<typeof makeTempDir>;
const sockets: Socket[] = [];

beforeAll(async () => {
  dist = makeTempDir();
  mkdirSync(join(dist.dir, 'assets'), { recursive: true });
  writeFileSync(join(dist.dir, 'index.html'), '<!doctype html><title>exectree</title>');
  writeFileSync(join(dist.dir, 'assets', 'app.js'), 'console.log(1);');
  server = await startTestServer({ security: { token: TOKEN }, webDistDir: dist.dir });
  const seeded = await fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson' },
    body: fixtureText(WHOAMI),
  });
  expect(seeded.status).toBe(200);
});

afterAll(async () => {
  await server.stop();
  dist.cleanup();
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

type Credentials = 'none' | 'wrong' | 'bearer' | 'cookie';

/** Signs in through the form and returns the session cookie (name=value). */
async function signIn(token = TOKEN, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams({ token, next: '/?ns=default&pod=xwing' }),
    redirect: 'manual',
  });
  return { response, cookie: response.headers.get('set-cookie')?.split(';')[0] };
}

let cookie: string | undefined;
async function headersFor(credentials: Credentials): Promise<Record<string, string>> {
  if (credentials === 'wrong') return { authorization: `Bearer ${WRONG}` };
  if (credentials === 'bearer') return { authorization: `Bearer ${TOKEN}` };
  if (credentials === 'cookie') {
    cookie ??= (await signIn()).cookie;
    return { cookie: cookie ?? '' };
  }
  return {};
}

const ROUTES: { method: 'GET' | 'POST'; path: string; ok: number }[] = [
  { method: 'GET', path: '/api/v1/groups', ok: 200 },
  { method: 'GET', path: '/api/v1/pods', ok: 200 },
  { method: 'GET', path: '/api/v1/pods/default/xwing/tree', ok: 200 },
  { method: 'GET', path: '/api/v1/pods/default/xwing/processes', ok: 200 },
  { method: 'GET', path: '/api/v1/hosts/kind-control-plane/tree', ok: 404 },
  { method: 'GET', path: '/api/v1/containers/nope/processes', ok: 404 },
  { method: 'GET', path: `/api/v1/processes/${encodeURIComponent(WHOAMI_EXEC_ID)}`, ok: 200 },
  { method: 'GET', path: '/api/v1/search?q=whoami', ok: 200 },
  { method: 'GET', path: '/api/v1/markers', ok: 200 },
  { method: 'GET', path: '/api/v1/info', ok: 200 },
  { method: 'GET', path: '/api/v1/nope', ok: 404 },
  { method: 'POST', path: '/api/v1/events', ok: 200 },
  { method: 'GET', path: '/metrics', ok: 200 },
  { method: 'GET', path: '/', ok: 200 },
  { method: 'GET', path: '/assets/app.js', ok: 200 },
  { method: 'GET', path: '/some/client/route', ok: 200 },
];

describe('with --token, every route needs the token or a session', () => {
  for (const route of ROUTES) {
    it(`${route.method} ${route.path}`, async () => {
      const statuses: Record<Credentials, number> = { none: 0, wrong: 0, bearer: 0, cookie: 0 };
      for (const credentials of ['none', 'wrong', 'bearer', 'cookie'] as const) {
        const response = await fetch(`${server.url}${route.path}`, {
          method: route.method,
          headers: {
            ...(await headersFor(credentials)),
            ...(route.method === 'POST' ? { 'content-type': 'application/x-ndjson' } : {}),
          },
          ...(route.method === 'POST' ? { body: fixtureText(WHOAMI) } : {}),
          redirect: 'manual',
        });
        statuses[credentials] = response.status;
        if (response.status === 401) {
          expect(response.headers.get('www-authenticate')).toBe('Bearer realm="exectree"');
          expect(await response.json()).toEqual({
            error:
              'authentication required: send "Authorization: Bearer <token>" or sign in at /login',
          });
        }
      }
      expect(statuses).toEqual({ none: 401, wrong: 401, bearer: route.ok, cookie: route.ok });
    });
  }

  it('/healthz stays open for probes', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('sends a browser to the sign-in page, and back to where it was going', async () => {
    const page = await fetch(`${server.url}/?ns=default&pod=xwing`, {
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2F%3Fns%3Ddefault%26pod%3Dxwing');

    const form = await fetch(`${server.url}/login?next=%2F%3Fns%3Ddefault`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<form method="post" action="/login">');
    expect(html).toContain('name="next" value="/?ns=default"');
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);

    const { response } = await signIn();
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?ns=default&pod=xwing');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      /^exectree_session=\d+\.[\w-]{22}\.[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
  });

  it('marks the cookie Secure behind an https proxy, and never redirects off-site', async () => {
    const { response } = await signIn(TOKEN, { 'x-forwarded-proto': 'https' });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
    for (const next of ['//evil.example/', '/\\evil.example', 'https://evil.example/']) {
      const away = await fetch(`${server.url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: TOKEN, next }),
        redirect: 'manual',
      });
      expect(away.headers.get('location')).toBe('/');
    }
  });

  it('refuses a wrong token on the form, and logout ends the session', async () => {
    const wrong = await signIn(WRONG);
    expect(wrong.response.status).toBe(401);
    expect(wrong.cookie).toBeUndefined();
    expect(await wrong.response.text()).toContain('That is not the access token.');

    const { cookie: session } = await signIn();
    const api = () =>
      fetch(`${server.url}/api/v1/info`, { headers: { cookie: session ?? '' } }).then(
        (r) => r.status,
      );
    expect(await api()).toBe(200);
    const logout = await fetch(`${server.url}/logout`, {
      method: 'POST',
      headers: { cookie: session ?? '' },
      redirect: 'manual',
    });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('set-cookie')).toMatch(/^exectree_session=; .*Max-Age=0/);
    expect(await api()).toBe(401);
  });

  it('takes a session made by another replica with the same token, not with another', async () => {
    const { cookie: session } = await signIn();
    const replica = await startTestServer({ security: { token: TOKEN } });
    const other = await startTestServer({ security: { token: `${TOKEN}-rotated` } });
    try {
      const status = (server: TestServer, value: string) =>
        fetch(`${server.url}/api/v1/info`, { headers: { cookie: value } }).then((r) => r.status);
      expect(await status(replica, session ?? '')).toBe(200);
      expect(await status(other, session ?? '')).toBe(401);
      const tampered = (session ?? '').replace(
        /=(\d)/,
        (_, digit: string) => `=${(Number(digit) + 1) % 10}`,
      );
      expect(await status(replica, tampered)).toBe(401);
    } finally {
      await replica.stop();
      await other.stop();
    }
  });

  it('refuses a cross-origin POST even with a valid session', async () => {
    const { cookie: session } = await signIn();
    const response = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: {
        cookie: session ?? '',
        origin: 'http://evil.example',
        'content-type': 'text/plain',
      },
      body: fixtureText(WHOAMI),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'cross-origin request refused' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  describe('the socket.io handshake', () => {
    const open = (headers: Record<string, string>) => {
      const socket = connect(server.url, {
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: headers,
      });
      sockets.push(socket);
      return new Promise<'connected' | string>((resolve) => {
        socket.on('connect', () => resolve('connected'));
        socket.on('connect_error', (error) => resolve(error.message));
      });
    };

    it('refuses no token and a wrong one, takes the header and the cookie', async () => {
      expect(await open({})).not.toBe('connected');
      expect(await open(await headersFor('wrong'))).not.toBe('connected');
      expect(await open(await headersFor('bearer'))).toBe('connected');
      expect(await open(await headersFor('cookie'))).toBe('connected');
    });

    it('refuses another origin, even with the token', async () => {
      const origin = { ...(await headersFor('bearer')), origin: 'http://evil.example' };
      expect(await open(origin)).not.toBe('connected');
      const same = { ...(await headersFor('bearer')), origin: server.url };
      expect(await open(same)).toBe('connected');
    });

    it('refuses the polling transport without credentials too', async () => {
      const response = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/authentication required/);
    });
  });

  it('allows 10 sign-in attempts a minute per address, then 429 with Retry-After', async () => {
    const fresh = await startTestServer({ security: { token: TOKEN } });
    try {
      const attempt = (token: string) =>
        fetch(`${fresh.url}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }),
          redirect: 'manual',
        });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) statuses.push((await attempt(WRONG)).status);
      expect(statuses).toEqual(Array.from({ length: 10 }, () => 401));
      const refused = await attempt(TOKEN);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.headers.get('set-cookie')).toBeNull();
      const info = await fetch(`${fresh.url}/api/v1/info`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const body = (await info.json()) as InfoResponse;
      expect(body.auth).toBe('token');
      expect(body.limits?.find((l) => l.name === 'login_rate')).toEqual({
        name: 'login_rate',
        limit: 10,
        unit: 'attempts/min',
        hits: 1,
      });
    } finally {
      await fresh.stop();
    }
  });
});
