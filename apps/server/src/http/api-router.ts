import { Router } from 'express';
import type { InfoResponse, TreeReader } from '@exectree/domain';
import type { IngestPipeline } from '../ingest/pipeline.ts';
import type { SourceTracker } from '../ingest/source-status.ts';
import type { EventStore } from '../store/event-store.ts';
import type { ProcessSearch } from '../store/process-store.ts';
import { groupRoutes } from './group-routes.ts';
import { apiNotFound } from './http-error.ts';
import { ingestRoutes } from './ingest-routes.ts';
import { processRoutes } from './process-routes.ts';
import { searchRoutes } from './search-routes.ts';
import { statusRoutes } from './status-routes.ts';

export interface ApiDeps {
  reader: TreeReader;
  store: EventStore;
  search: ProcessSearch;
  pipeline: IngestPipeline;
  httpSource: SourceTracker;
  info: () => InfoResponse;
  maxBodyBytes: number;
  maxLineBytes?: number;
}

/** Everything under /api/v1. */
export function apiRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use(
    ingestRoutes({
      pipeline: deps.pipeline,
      source: deps.httpSource,
      maxBodyBytes: deps.maxBodyBytes,
      ...(deps.maxLineBytes === undefined ? {} : { maxLineBytes: deps.maxLineBytes }),
    }),
  );
  router.use(groupRoutes(deps.reader));
  router.use(processRoutes(deps.reader, deps.store));
  router.use(searchRoutes(deps.search));
  router.use(statusRoutes(deps.reader, deps.info));
  router.use(apiNotFound);
  return router;
}
