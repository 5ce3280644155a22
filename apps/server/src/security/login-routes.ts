import express, { Router, type ErrorRequestHandler, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Access } from './access.ts';
import { expiredSessionCookie, sessionCookie } from './cookies.ts';
import type { Limits } from './limits.ts';
import { LOGIN_CSS, loginPage } from './login-page.ts';
import type { SessionStore } from './sessions.ts';
import { MAX_TOKEN_LENGTH, secretsEqual } from './token.ts';
import { TokenBuckets } from './token-bucket.ts';

export interface LoginRouteDeps {
  access: Access;
  token: string | undefined;
  sessions: SessionStore;
  limits: Limits;
  /** Sign-in attempts per minute and client address. */
  attemptsPerMinute: number;
}

const loginForm = z.object({
  token: z.string().max(MAX_TOKEN_LENGTH),
  next: z.string().optional(),
});

/**
 * Where to go after signing in: a path on this server only (never `//host` or `/\host`,
 * which browsers treat as another site), and not the sign-in pages themselves.
 */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048) return '/';
  // Printable ASCII only (a URL the browser sent is percent-encoded), no backslash.
  if (!/^\/(?![/\\])[!-[\]-~]*$/.test(value)) return '/';
  return /^\/log(in|out)\b/.test(value) ? '/' : value;
}

/** The browser reached the server over https, directly or through a proxy that says so. */
function overHttps(req: Request): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return req.secure || first === 'https';
}

const clientOf = (req: Request) => req.socket.remoteAddress ?? 'unknown';

/** GET/POST /login, POST /logout and the form's stylesheet; open to everyone. */
export function loginRoutes(deps: LoginRouteDeps): Router {
  const { access, sessions, limits } = deps;
  const attempts = new TokenBuckets({
    ratePerSecond: deps.attemptsPerMinute / 60,
    capacity: deps.attemptsPerMinute,
  });
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 });
  const page = (res: Response, status: number, next: string, error?: string) =>
    res
      .status(status)
      .type('html')
      .send(loginPage({ next, ...(error === undefined ? {} : { error }) }));

  router.get('/login.css', (_req, res) => {
    res.type('text/css').send(LOGIN_CSS);
  });

  router.get('/login', (req, res) => {
    const next = safeNext(req.query['next']);
    if (deps.token === undefined || access.authenticated(req)) {
      res.redirect(303, next);
      return;
    }
    page(res, 200, next);
  });

  router.post('/login', form, (req, res) => {
    const parsed = loginForm.safeParse(req.body);
    const next = safeNext(parsed.success ? parsed.data.next : undefined);
    if (deps.token === undefined) {
      res.redirect(303, next);
      return;
    }
    const allowed = attempts.take(clientOf(req), 1);
    if (!allowed.ok) {
      limits.hit('login_rate');
      res.set('Retry-After', String(allowed.retryAfterSeconds));
      page(
        res,
        429,
        next,
        `Too many sign-in attempts; try again in ${allowed.retryAfterSeconds} s.`,
      );
      return;
    }
    if (!parsed.success || !secretsEqual(parsed.data.token, deps.token)) {
      page(res, 401, next, 'That is not the access token.');
      return;
    }
    const cookie = sessionCookie(sessions.create(), {
      secure: overHttps(req),
      maxAgeSeconds: sessions.ttlSeconds,
    });
    res.set('Set-Cookie', cookie).redirect(303, next);
  });

  // A form too large or malformed gets the form again, not the ingest route's wording.
  const formError: ErrorRequestHandler = (error, _req, res, next) => {
    if (res.headersSent) next(error);
    else page(res, 400, '/', 'The form could not be read.');
  };
  router.use('/login', formError);

  router.post('/logout', (req, res) => {
    sessions.revoke(access.sessionOf(req));
    res.set('Set-Cookie', expiredSessionCookie(overHttps(req))).redirect(303, '/login');
  });

  return router;
}
