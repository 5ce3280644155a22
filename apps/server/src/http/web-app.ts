import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const NOT_BUILT =
  'exectree: the web app is not built yet. Run `npm run build:web`, then reload this page.\n' +
  'The API is available under /api/v1 (see docs/api.md).\n';

/** Serves the built single-page app; every other GET gets index.html so client routes work. */
export function webApp(distDir: string): Router {
  const root = resolve(distDir);
  const index = join(root, 'index.html');
  const router = Router();
  router.use(express.static(root, { index: 'index.html' }));
  router.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    // Checked per request so a build made while the server runs is picked up.
    if (existsSync(index)) {
      res.sendFile(index);
      return;
    }
    res.status(404).type('text/plain').send(NOT_BUILT);
  });
  return router;
}
