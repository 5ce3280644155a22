import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE, readCookie } from './cookies.ts';
import { hostOfHeader, isLoopbackHost } from './loopback.ts';
import type { SessionStore } from './sessions.ts';
import { bearerToken, secretsEqual } from './token.ts';

export interface Refusal {
  status: 401 | 403;
  reason: string;
}

export interface AccessOptions {
  /** When set, every request must carry it (Bearer) or a session made by signing in with it. */
  token?: string;
  sessions: SessionStore;
}

export const UNAUTHENTICATED =
  'authentication required: send "Authorization: Bearer <token>" or sign in at /login';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Who may talk to the server: the same-origin rules, and the token when one is set. */
export class Access {
  constructor(private readonly options: AccessOptions) {}

  get required(): boolean {
    return this.options.token !== undefined;
  }

  /** The request carries the token or a live session (always true without a token). */
  authenticated(req: IncomingMessage): boolean {
    const { token } = this.options;
    if (token === undefined) return true;
    const bearer = bearerToken(req.headers.authorization);
    if (bearer !== undefined) return secretsEqual(bearer, token);
    return this.options.sessions.valid(this.sessionOf(req));
  }

  sessionOf(req: IncomingMessage): string | undefined {
    return readCookie(req.headers.cookie, SESSION_COOKIE);
  }

  /**
   * Refuses what a browser could be tricked into: without a token, a Host that is not a
   * loopback name (a DNS-rebinding page reaching 127.0.0.1 under its own name); and any
   * cross-origin request that changes something, or opens a socket (WebSocket has no CORS).
   */
  sameOriginRefusal(req: IncomingMessage, opensSocket = false): Refusal | undefined {
    const host = req.headers.host ?? '';
    if (!this.required && !isLoopbackHost(hostOfHeader(host))) {
      return {
        status: 403,
        reason: `host ${JSON.stringify(host.slice(0, 100))} refused: without --token the server only answers to localhost names`,
      };
    }
    if (SAFE_METHODS.has(req.method ?? 'GET') && !opensSocket) return undefined;
    const origin = req.headers.origin;
    const crossOrigin =
      origin !== undefined
        ? origin === 'null' || !this.trustedOrigin(origin, host)
        : req.headers['sec-fetch-site'] === 'cross-site';
    if (crossOrigin) return { status: 403, reason: 'cross-origin request refused' };
    return undefined;
  }

  /**
   * The request's own origin; without a token also any page of this machine (the web app's
   * dev server proxies to it from another port), which a rebinding page never is.
   */
  private trustedOrigin(origin: string, host: string): boolean {
    const parsed = originUrl(origin);
    if (parsed === undefined) return false;
    if (parsed.host === host.toLowerCase()) return true;
    return !this.required && isLoopbackHost(parsed.hostname);
  }

  /** sameOriginRefusal, then the credentials. */
  refusal(req: IncomingMessage, opensSocket = false): Refusal | undefined {
    const refused = this.sameOriginRefusal(req, opensSocket);
    if (refused !== undefined) return refused;
    return this.authenticated(req) ? undefined : { status: 401, reason: UNAUTHENTICATED };
  }
}

function originUrl(origin: string): URL | undefined {
  try {
    return new URL(origin);
  } catch {
    return undefined;
  }
}
