import { Router } from 'express';
import { CONTENT_TYPE } from '../metrics/exposition.ts';
import type { MetricsRegistry } from '../metrics/registry.ts';

/** GET /metrics in the Prometheus text format. */
export function metricsRoute(registry: MetricsRegistry): Router {
  const router = Router();
  router.get('/metrics', (_req, res) => {
    res.set('Content-Type', CONTENT_TYPE).send(registry.render());
  });
  return router;
}
