import { randomBytes } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import type { ServerOptions } from 'socket.io';
import { sendError } from '../http/http-error.ts';
import type { LiveServer } from '../live/types.ts';
import type { Log } from '../log.ts';
import type { MetricsRegistry } from '../metrics/registry.ts';
import { Access, UNAUTHENTICATED } from './access.ts';
import { cspReportRoute } from './csp-report.ts';
import { createIngestAdmission, type IngestAdmission } from './ingest-admission.ts';
import type { Limits } from './limits.ts';
import { watchLoopLag } from './loop-lag.ts';
import { loginRoutes } from './login-routes.ts';
import { securityHeaders } from './security-headers.ts';
import { SessionStore } from './sessions.ts';
import { limitClients, socketServerOptions } from './socket-guard.ts';

export interface SecurityOptions {
  /** Required from every client when set (`--token`, EXECTREE_TOKEN). */
  token?: string;
}

export interface HttpSecurityDeps {
  security: SecurityOptions;
  limits: Limits;
  registry: MetricsRegistry;
  log: Log;
}

export interface HttpSecurity {
  /** First on every request: headers, CSP reports, same-origin rules, the sign-in pages. */
  front: Router;
  /** Everything mounted after it needs the token or a session (when a token is set). */
  requireAuth: RequestHandler;
  /** Before POST /api/v1/events reads its body: size, per-client rate, queue. */
  ingestAdmission: IngestAdmission;
  socketOptions: Partial<ServerOptions>;
  /** Adds the --max-clients check to a socket.io server. */
  guardSockets(io: LiveServer): void;
}

/** Pages a browser opens; they are sent to the sign-in form instead of getting a 401. */
const isPageRequest: (req: Parameters<RequestHandler>[0]) => boolean = (req) =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  !req.path.startsWith('/api/') &&
  req.path !== '/metrics' &&
  req.accepts(['json', 'html']) === 'html';

export function createHttpSecurity(deps: HttpSecurityDeps): HttpSecurity {
  const { limits } = deps;
  const { settings } = limits;
  // Without a token there are no sessions; the secret only keeps the store well-formed.
  const sessions = new SessionStore(deps.security.token ?? randomBytes(32).toString('hex'));
  const access = new Access({
    sessions,
    ...(deps.security.token === undefined ? {} : { token: deps.security.token }),
  });

  const front = Router();
  front.use(securityHeaders());
  front.use(cspReportRoute(deps.registry, deps.log));
  front.use((req, res, next) => {
    const refused = access.sameOriginRefusal(req);
    if (refused === undefined) next();
    else sendError(res, refused.status, refused.reason);
  });
  front.use(
    loginRoutes({
      access,
      token: deps.security.token,
      sessions,
      limits,
      attemptsPerMinute: settings.login_rate,
    }),
  );

  const requireAuth: RequestHandler = (req, res, next) => {
    if (access.authenticated(req)) {
      next();
    } else if (isPageRequest(req)) {
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
    } else {
      res.set('WWW-Authenticate', 'Bearer realm="exectree"');
      sendError(res, 401, UNAUTHENTICATED);
    }
  };

  const ingestAdmission = createIngestAdmission({
    limits,
    maxBodyBytes: settings.max_body,
    queueBytes: settings.ingest_queue,
    ratePerClient: settings.ingest_rate,
    lag: watchLoopLag(),
  });
  deps.registry.gauge(
    'exectree_ingest_queue_bytes',
    'Body bytes of POST /api/v1/events admitted and not yet answered (limit: --ingest-queue).',
    () => [{ value: ingestAdmission.queued() }],
  );

  return {
    front,
    requireAuth,
    ingestAdmission,
    socketOptions: socketServerOptions(access),
    guardSockets(io) {
      limitClients(io, { limits, maxClients: settings.max_clients });
    },
  };
}
