import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  groupKey,
  type GroupRef,
  type GroupsResponse,
  type PodSummary,
  type PodsResponse,
  type TreeReader,
  type TreeResponse,
} from '@exectree/domain';
import { HttpError } from './http-error.ts';
import {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  decodeCursor,
  pageQuerySchema,
  paginate,
} from './pagination.ts';

const segment = z.string().min(1).max(512);

/** How each URL family names its group. */
const families: { prefix: string; params: z.ZodType<GroupRef> }[] = [
  {
    prefix: '/pods/:namespace/:name',
    params: z
      .object({ namespace: segment, name: segment })
      .transform((p) => ({ kind: 'pod', namespace: p.namespace, name: p.name })),
  },
  {
    prefix: '/hosts/:node',
    params: z
      .object({ node: segment })
      .transform((p) => ({ kind: 'host', namespace: '', name: p.node })),
  },
  {
    prefix: '/containers/:id',
    params: z
      .object({ id: segment })
      .transform((p) => ({ kind: 'container', namespace: '', name: p.id })),
  },
];

export function groupRoutes(reader: TreeReader): Router {
  const router = Router();

  router.get('/pods', (_req, res) => {
    const pods: PodSummary[] = reader
      .groups()
      .filter((group) => group.kind === 'pod')
      .map((group) => ({
        key: group.key,
        namespace: group.namespace,
        name: group.name,
        node: group.node,
        workload: group.workload,
        workloadKind: group.workloadKind,
        processes: group.processes,
        running: group.running,
        flagged: group.flagged,
        exited: group.exited,
        firstSeen: group.firstSeen,
        lastSeen: group.lastSeen,
      }));
    const body: PodsResponse = { pods };
    res.json(body);
  });

  router.get('/groups', (_req, res) => {
    const body: GroupsResponse = { groups: reader.groups() };
    res.json(body);
  });

  for (const family of families) {
    const knownGroup = (req: Request) => {
      const ref = family.params.safeParse(req.params);
      if (!ref.success) throw new HttpError(400, 'invalid group name');
      const group = reader.group(groupKey(ref.data));
      if (!group) throw new HttpError(404, `unknown ${ref.data.kind} ${describe(ref.data)}`);
      return group;
    };

    router.get(`${family.prefix}/processes`, (req, res) => {
      const group = knownGroup(req);
      const query = pageQuerySchema.safeParse(req.query);
      if (!query.success) {
        const field = query.error.issues[0]?.path[0];
        throw new HttpError(
          400,
          field === 'limit'
            ? `limit must be an integer from 1 to ${MAX_PAGE_LIMIT}`
            : 'invalid cursor',
        );
      }
      const after = query.data.cursor === undefined ? undefined : decodeCursor(query.data.cursor);
      if (query.data.cursor !== undefined && after === undefined) {
        throw new HttpError(400, 'invalid cursor');
      }
      res.json(
        paginate(reader.processes(group.key), query.data.limit ?? DEFAULT_PAGE_LIMIT, after),
      );
    });

    router.get(`${family.prefix}/tree`, (req, res) => {
      const group = knownGroup(req);
      const body: TreeResponse = {
        roots: reader.tree(group.key),
        markers: reader.markers().filter((marker) => marker.node === group.node),
      };
      res.json(body);
    });
  }

  return router;
}

function describe(ref: GroupRef): string {
  return ref.kind === 'pod' ? `${ref.namespace}/${ref.name}` : ref.name;
}
