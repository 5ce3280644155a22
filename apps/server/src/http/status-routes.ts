import { Router } from 'express';
import type { HealthResponse, InfoResponse, MarkersResponse, TreeReader } from '@exectree/domain';

export function statusRoutes(reader: TreeReader, info: () => InfoResponse): Router {
  const router = Router();
  router.get('/markers', (_req, res) => {
    const body: MarkersResponse = { markers: reader.markers() };
    res.json(body);
  });
  router.get('/info', (_req, res) => {
    res.json(info());
  });
  return router;
}

/**
 * Being reachable means ready: ingest and the API work while the trees are still being
 * rebuilt from the store (`rebuild` in /api/v1/info says how far that got).
 */
export function healthRoute(): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });
  return router;
}
