import { afterEach, describe, expect, it, vi } from 'vitest';
import { request } from 'node:http';
import { WHOAMI, fixtureText } from './helpers/fixtures.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const servers: TestServer[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const server of servers.splice(0)) await server.stop();
});

async function start() {
  const server = await startTestServer();
  servers.push(server);
  return server;
}

const CSP =
  "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data:;font-src 'self';" +
  "connect-src 'self';object-src 'none';base-uri 'none';form-action 'self';" +
  "frame-ancestors 'none';report-uri /csp-report";

/** A GET with a Host header of our choosing (fetch does not let a caller set it). */
function getWithHost(server: TestServer, path: string, host: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers: { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject).end();
  });
}

describe('security headers', () => {
  it('sends a strict CSP and the helmet headers on pages, API answers and errors', async () => {
    const server = await start();
    for (const path of ['/', '/api/v1/info', '/api/v1/nope', '/healthz', '/metrics']) {
      const response = await fetch(`${server.url}${path}`, {
        headers: { origin: 'http://evil.example' },
      });
      const headers = response.headers;
      expect(headers.get('content-security-policy'), path).toBe(CSP);
      expect(headers.get('x-frame-options'), path).toBe('DENY');
      expect(headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(headers.get('referrer-policy'), path).toBe('same-origin');
      expect(headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(headers.get('cross-origin-resource-policy'), path).toBe('same-origin');
      expect(headers.get('permissions-policy'), path).toMatch(/camera=\(\)/);
      expect(headers.get('x-powered-by'), path).toBeNull();
      expect(headers.get('access-control-allow-origin'), path).toBeNull();
      expect(headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('counts CSP violation reports', async () => {
    const server = await start();
    const report = {
      'csp-report': {
        'document-uri': 'http://127.0.0.1/',
        'violated-directive': 'script-src-elem',
        'blocked-uri': 'inline',
      },
    };
    const response = await fetch(`${server.url}/csp-report`, {
      method: 'POST',
      headers: { 'content-type': 'application/csp-report' },
      body: JSON.stringify(report),
    });
    expect(response.status).toBe(204);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^exectree_csp_violations_total 1$/m);
    expect(server.logs).toContain(
      'csp: blocked "inline" ("script-src-elem") on "http://127.0.0.1/"',
    );
  });
});

describe('error answers carry no stack trace or file path', () => {
  it('answers a failing route with a bare 500 and logs the details', async () => {
    const server = await start();
    vi.spyOn(server.engine.builder, 'groups').mockImplementation(() => {
      throw new Error('boom in /work/secret/path/engine.ts:42');
    });
    const response = await fetch(`${server.url}/api/v1/groups`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal server error' });
    expect(text).not.toMatch(/boom|\/work|\.ts|at /);
    expect(server.logs.some((l) => l.includes('boom in /work/secret/path/engine.ts:42'))).toBe(
      true,
    );
  });

  it('answers malformed requests with short JSON errors', async () => {
    const server = await start();
    const cases: [string, RequestInit, number][] = [
      ['/api/v1/processes/%E0%A4%A', {}, 400],
      ['/api/v1/search?limit=x', {}, 400],
      [
        '/api/v1/events',
        { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: 'x' },
        415,
      ],
      [
        '/api/v1/events',
        {
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'content-encoding': 'br' },
          body: 'x',
        },
        400,
      ],
    ];
    for (const [path, init, status] of cases) {
      const response = await fetch(`${server.url}${path}`, init);
      expect(response.status, path).toBe(status);
      const text = await response.text();
      expect(JSON.parse(text), path).toEqual({ error: expect.any(String) });
      expect(text, path).not.toMatch(/\/work|node_modules|\.ts:|\.js:|\n\s+at /);
    }
  });
});

describe('without a token: only this machine, only this origin', () => {
  it('refuses a Host that is not a localhost name (DNS rebinding)', async () => {
    const server = await start();
    const rebound = await getWithHost(server, '/api/v1/info', `evil.example:${server.port}`);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toEqual({
      error: `host "evil.example:${server.port}" refused: without --token the server only answers to localhost names`,
    });
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, '[::1]:80']) {
      expect((await getWithHost(server, '/api/v1/info', host)).status, host).toBe(200);
    }
  });

  it('refuses a cross-site form POST to the ingest endpoint (CSRF)', async () => {
    const server = await start();
    for (const headers of [
      { origin: 'http://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const response = await fetch(`${server.url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', ...headers },
        body: fixtureText(WHOAMI),
      });
      expect(response.status).toBe(403);
    }
    expect(server.engine.store.count()).toBe(0);
    const same = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: server.url },
      body: fixtureText(WHOAMI),
    });
    expect(same.status).toBe(200);
    // The web app's dev server, on another port of this machine, proxies to it.
    const dev = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'http://localhost:5173' },
      body: fixtureText(WHOAMI),
    });
    expect(dev.status).toBe(200);
  });
});
