import express, { Router } from 'express';
import { z } from 'zod';
import type { Log } from '../log.ts';
import type { MetricsRegistry } from '../metrics/registry.ts';
import { CSP_REPORT_PATH } from './security-headers.ts';

const REPORT_TYPES = ['application/csp-report', 'application/json', 'application/reports+json'];
const LOGGED_PER_MINUTE = 10;

const legacyReport = z.object({
  'csp-report': z.object({
    'document-uri': z.string().optional(),
    'violated-directive': z.string().optional(),
    'effective-directive': z.string().optional(),
    'blocked-uri': z.string().optional(),
  }),
});

/** Attacker-influenced text for one log line: quoted, no control characters, short. */
const quoted = (text: string | undefined) => JSON.stringify((text ?? '').slice(0, 200));

/**
 * Where browsers report what the Content-Security-Policy blocked: each report is counted
 * (exectree_csp_violations_total) and the first few a minute are logged, since a blocked
 * inline script on this dashboard means someone tried to inject one through event data.
 */
export function cspReportRoute(registry: MetricsRegistry, log: Log): Router {
  const violations = registry.counter(
    'exectree_csp_violations_total',
    'Content-Security-Policy violation reports received from browsers.',
  );
  let minute = 0;
  let logged = 0;
  const router = Router();
  router.post(CSP_REPORT_PATH, express.json({ type: REPORT_TYPES, limit: '16kb' }), (req, res) => {
    violations.inc();
    const now = Math.floor(Date.now() / 60_000);
    if (now !== minute) [minute, logged] = [now, 0];
    const report = legacyReport.safeParse(req.body);
    if (report.success && logged < LOGGED_PER_MINUTE) {
      logged += 1;
      const body = report.data['csp-report'];
      log(
        `csp: blocked ${quoted(body['blocked-uri'])} (${quoted(body['effective-directive'] ?? body['violated-directive'])}) on ${quoted(body['document-uri'])}`,
      );
    }
    res.status(204).end();
  });
  return router;
}
