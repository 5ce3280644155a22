import express, { Router } from 'express';
import type { IngestResponse } from '@exectree/domain';
import { ingestAll } from '../ingest/ingest-all.ts';
import { splitText } from '../ingest/line-splitter.ts';
import type { IngestPipeline } from '../ingest/pipeline.ts';
import type { SourceTracker } from '../ingest/source-status.ts';
import { HttpError } from './http-error.ts';

export const INGEST_CONTENT_TYPES = ['application/x-ndjson', 'text/plain', 'application/json'];

export interface IngestRouteDeps {
  pipeline: IngestPipeline;
  source: SourceTracker;
  maxBodyBytes: number;
}

/** POST /events: answers once every accepted line of the body is committed. */
export function ingestRoutes(deps: IngestRouteDeps): Router {
  const router = Router();
  const text = express.text({
    type: INGEST_CONTENT_TYPES,
    limit: deps.maxBodyBytes,
    defaultCharset: 'utf-8',
  });
  router.post('/events', text, async (req, res) => {
    const body: unknown = req.body;
    if (typeof body !== 'string') {
      throw new HttpError(
        415,
        `unsupported content type; send Tetragon export lines as ${INGEST_CONTENT_TYPES.join(', ')}`,
      );
    }
    const result = await ingestAll(deps.pipeline, deps.source, splitText(body));
    const response: IngestResponse = {
      accepted: result.accepted,
      rejected: result.rejected,
      errors: result.errors,
    };
    res.json(response);
  });
  return router;
}
