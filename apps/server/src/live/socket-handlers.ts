import { parseGroupKey, subscribeRequestSchema, type Ack } from '@exectree/domain';
import type { LiveSession } from './live-session.ts';

type AckFn<T> = (result: Ack<T>) => void;

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
      ack({ ok: false, error: 'expected { filter: { group: string } }' });
      return;
    }
    const { filter } = parsed.data;
    if (!parseGroupKey(filter.group)) {
      ack({
        ok: false,
        error: `invalid group key "${filter.group}" (expected pod/NS/NAME, container/ID or host/NODE)`,
      });
      return;
    }
    session.filter = filter;
    ack({ ok: true, data: { seq: session.nextSeq } });
    session.sendTreeSnapshot();
  });

  socket.on('tree:unsubscribe', (rawAck: unknown) => {
    session.filter = null;
    ackOf<null>(rawAck)({ ok: true, data: null });
  });

  socket.on('sync:request', (rawAck: unknown) => {
    ackOf<{ seq: number }>(rawAck)({ ok: true, data: { seq: session.nextSeq } });
    session.sendGroupsSnapshot();
    session.sendTreeSnapshot();
  });
}
