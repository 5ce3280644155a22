import { describe, expect, it, vi } from 'vitest';
import type { ServerMessage, TransportStatus } from './messages.ts';
import { createSocketTransport, requestFreshSnapshots, type LiveSocket } from './socket.ts';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io client socket for the transport wrapper. */
class FakeSocket {
  connected = false;
  handlers = new Map<string, Handler[]>();
  emitted: { event: string; args: unknown[] }[] = [];
  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  timeout() {
    return {
      emit: (event: string, ...args: unknown[]) => {
        this.emitted.push({ event, args });
        const ack = args.at(-1);
        if (typeof ack === 'function') ack(null, { ok: true, data: { seq: 7 } });
      },
    };
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  close() {
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
}

function setup(onRefused: () => void = () => {}) {
  const socket = new FakeSocket();
  const transport = createSocketTransport(socket as unknown as LiveSocket, { onRefused });
  const messages: ServerMessage[] = [];
  const statuses: TransportStatus[] = [];
  transport.onMessage((m) => messages.push(m));
  transport.onStatus((s) => statuses.push(s));
  return { socket, transport, messages, statuses };
}

describe('socket transport', () => {
  it('forwards well-formed server events and drops malformed ones', () => {
    const { socket, messages } = setup();
    socket.fire('tree:delta', { seq: 1, filter: { group: 'g' }, upserts: [], removes: [] });
    socket.fire('tree:delta', { seq: 2, filter: { group: 'g' }, upserts: 'nope', removes: [] });
    socket.fire('tree:snapshot', { seq: 'x', filter: { group: 'g' }, processes: [] });
    socket.fire('groups:snapshot', {
      seq: 3,
      groups: [{ key: 'pod/a/b', kind: 'pod' }],
      markers: [],
    });
    socket.fire('server:info', { version: '1', demo: true, sources: [] });
    socket.fire('sync:required', { seq: 4, reason: 'backlog' });
    expect(messages.map((m) => m.type)).toEqual([
      'tree:delta',
      'groups:snapshot',
      'server:info',
      'sync:required',
    ]);
  });

  it('reports connection changes and tells a lost connection from an unreachable server', () => {
    const { socket, statuses } = setup();
    socket.fire('connect_error', new Error('refused'));
    socket.fire('connect');
    socket.fire('disconnect', 'transport close');
    expect(statuses).toEqual([
      { kind: 'disconnected', reason: 'refused', attempt: 1, everConnected: false },
      { kind: 'connected' },
      { kind: 'disconnected', reason: 'transport close', attempt: 0, everConnected: true },
    ]);
  });

  it('asks whether the session ended each time a connection is refused', () => {
    const onRefused = vi.fn();
    const { socket } = setup(onRefused);
    socket.fire('connect');
    expect(onRefused).not.toHaveBeenCalled();
    socket.fire('connect_error', new Error('xhr poll error'));
    socket.fire('connect_error', new Error('xhr poll error'));
    expect(onRefused).toHaveBeenCalledTimes(2);
  });

  it('asks the open connection for fresh snapshots, and nothing once closed', () => {
    const { socket, transport } = setup();
    requestFreshSnapshots();
    expect(socket.emitted.map((e) => e.event)).toEqual(['sync:request']);
    transport.close();
    requestFreshSnapshots();
    expect(socket.emitted).toHaveLength(1);
  });

  it('emits typed requests and resolves their acks', async () => {
    const { socket, transport } = setup();
    await expect(transport.subscribeTree('pod/default/xwing')).resolves.toEqual({
      ok: true,
      data: { seq: 7 },
    });
    await transport.requestSync();
    expect(socket.emitted.map((e) => e.event)).toEqual(['tree:subscribe', 'sync:request']);
    expect(socket.emitted[0]?.args[0]).toEqual({ filter: { group: 'pod/default/xwing' } });
  });
});
