import express, { Router, type RequestHandler } from 'express';
import type { IngestResponse } from '@exectree/domain';
import { ingestBody } from '../ingest/ingest-body.ts';
import { IngestScheduler } from '../ingest/ingest-scheduler.ts';
import type { IngestPipeline } from '../ingest/pipeline.ts';
import type { SourceTracker } from '../ingest/source-status.ts';
import { HttpError } from './http-error.ts';

export const INGEST_CONTENT_TYPES = ['application/x-ndjson', 'text/plain', 'application/json'];
const UTF8_CHARSETS: ReadonlySet<string> = new Set(['utf-8', 'utf8', 'us-ascii']);

export interface IngestRouteDeps {
  pipeline: IngestPipeline;
  source: SourceTracker;
  maxBodyBytes: number;
  /** Longer lines are rejected one by one (`--max-line`). */
  maxLineBytes?: number;
}

/** Export lines are UTF-8; a body in another charset would be decoded into something else. */
const utf8Only: RequestHandler = (req, _res, next) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1];
  if (charset !== undefined && !UTF8_CHARSETS.has(charset.toLowerCase())) {
    throw new HttpError(415, `unsupported charset ${JSON.stringify(charset)}; send UTF-8`);
  }
  next();
};

/**
 * POST /events: answers once every accepted line of the body is committed. The body is kept
 * as bytes and cut into lines before decoding, so invalid UTF-8 rejects its own line only.
 */
export function ingestRoutes(deps: IngestRouteDeps): Router {
  const router = Router();
  const raw = express.raw({ type: INGEST_CONTENT_TYPES, limit: deps.maxBodyBytes });
  const scheduler = new IngestScheduler();
  router.post('/events', utf8Only, raw, async (req, res) => {
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body)) {
      throw new HttpError(
        415,
        `unsupported content type; send Tetragon export lines as ${INGEST_CONTENT_TYPES.join(', ')}`,
      );
    }
    const result = await ingestBody(deps.pipeline, deps.source, body, {
      scheduler,
      ...(deps.maxLineBytes === undefined ? {} : { maxLineBytes: deps.maxLineBytes }),
    });
    const response: IngestResponse = {
      accepted: result.accepted,
      rejected: result.rejected,
      errors: result.errors,
    };
    res.json(response);
  });
  return router;
}
