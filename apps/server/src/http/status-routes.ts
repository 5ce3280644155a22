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

/** The app is only created once the store is replayed, so being reachable means ready. */
export function healthRoute(): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    const body: HealthResponse = { status: 'ok' };
    res.json(body);
  });
  return router;
}
