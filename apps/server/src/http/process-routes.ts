import { Router } from 'express';
import { z } from 'zod';
import type { ProcessDetailResponse, TreeReader } from '@exectree/domain';
import type { EventStore } from '../store/event-store.ts';
import { HttpError } from './http-error.ts';

const paramsSchema = z.object({ execId: z.string().min(1).max(1024) });

/** Raw lines were accepted by the parser, so they are JSON; anything else is skipped. */
function parseStored(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

export function processRoutes(reader: TreeReader, store: EventStore): Router {
  const router = Router();
  router.get('/processes/:execId', async (req, res) => {
    const params = paramsSchema.safeParse(req.params);
    if (!params.success) throw new HttpError(400, 'invalid exec id');
    const { execId } = params.data;
    const process = reader.process(execId);
    if (!process) throw new HttpError(404, `unknown process ${execId}`);
    const ancestors = reader.ancestors(execId);
    const children = reader.children(execId);
    const lines = await store.eventsForProcess(execId);
    const body: ProcessDetailResponse = {
      process,
      ancestors,
      children,
      events: lines.map(parseStored).filter((event) => event !== undefined),
    };
    res.json(body);
  });
  return router;
}
