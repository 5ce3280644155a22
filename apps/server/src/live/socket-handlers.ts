import { subscribeRequestSchema, type Ack } from '@exectree/domain';
import type { LiveSession } from './live-session.ts';
import { filterError } from './tree-filter.ts';

type AckFn<T> = (result: Ack<T>) => void;

const EXPECTED =
  'expected { filter: { group?, namespace?, pod?, binary?, text? } } with at least one non-empty string';

/** Payloads come from the network: an ack may be missing even though the types promise one. */
function ackOf<T>(value: unknown): AckFn<T> {
  return typeof value === 'function' ? (result) => value(result) : () => {};
}

/** Registers the client-to-server handlers of one session. */
export function registerSocketHandlers(session: LiveSession): void {
  const { socket } = session;

  socket.on('tree:subscribe', (request: unknown, rawAck: unknown) => {
    const ack = ackOf<{ seq: number }>(rawAck);
    const parsed = subscribeRequestSchema.safeParse(request);
    if (!parsed.success) {
      ack({ ok: false, error: EXPECTED });
      return;
    }
    const { filter } = parsed.data;
    const error = filterError(filter);
    if (error !== undefined) {
      ack({ ok: false, error });
      return;
    }
    ack({ ok: true, data: { seq: session.subscribe(filter) } });
    session.sendTreeSnapshot();
  });

  socket.on('tree:unsubscribe', (rawAck: unknown) => {
    session.unsubscribe();
    ackOf<null>(rawAck)({ ok: true, data: null });
  });

  socket.on('sync:request', (rawAck: unknown) => {
    ackOf<{ seq: number }>(rawAck)({ ok: true, data: { seq: session.beginResync('client') } });
    session.sendSnapshots();
  });
}
