import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const CSP_REPORT_PATH = '/csp-report';

/**
 * The Content-Security-Policy of every response. The built web app loads only module
 * scripts, a stylesheet and images from its own origin and talks to its own origin (HTTP
 * and the socket.io WebSocket: 'self' covers ws: and wss: of the same host). React sets
 * style properties through the CSSOM, which CSP does not govern, so no inline style or
 * script is allowed at all: text from events that reached the DOM as markup could not run.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'report-uri': [CSP_REPORT_PATH],
} as const;

const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
].join(', ');

/**
 * helmet with a strict policy. No HSTS: exectree serves plain HTTP itself, and a proxy that
 * adds TLS should decide about HSTS for its whole host.
 */
export function securityHeaders(): RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    // Not no-referrer: under it browsers send `Origin: null` with same-origin form posts
    // (the sign-in form), which the same-origin check must refuse.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
  const permissions: RequestHandler = (_req, res, next) => {
    res.set('Permissions-Policy', PERMISSIONS_POLICY);
    next();
  };
  return [headers, permissions];
}
