import type { IncomingMessage } from 'node:http';
import type { ServerOptions } from 'socket.io';
import type { LiveServer, LiveSocket } from '../live/types.ts';
import type { Access } from './access.ts';
import type { Limits } from './limits.ts';

export interface SocketGuardDeps {
  limits: Limits;
  maxClients: number;
}

export const tooManyClients = (max: number) =>
  `too many clients: this server takes at most ${max} live connections; try again later`;

/**
 * socket.io server options: the handshake (the first request of a connection, polling or
 * WebSocket) must pass the same checks as any HTTP request, Origin included, which is the
 * only thing keeping another site's page from opening a WebSocket. No `cors` option: the
 * polling transport stays same-origin.
 */
export function socketServerOptions(access: Access): Partial<ServerOptions> {
  return {
    allowRequest(req: IncomingMessage, callback) {
      const refused = access.refusal(req, true);
      callback(refused?.reason, refused === undefined);
    },
  };
}

/**
 * Refuses connections past --max-clients with an error the client sees as the reason of
 * its `connect_error`, then closes the transport so the refused client holds nothing.
 */
export function limitClients(io: LiveServer, deps: SocketGuardDeps): void {
  io.use((socket: LiveSocket, next) => {
    if (io.of('/').sockets.size < deps.maxClients) {
      next();
      return;
    }
    deps.limits.hit('max_clients');
    next(new Error(tooManyClients(deps.maxClients)));
    // engine.io sends what is queued (the error) before it closes.
    setImmediate(() => socket.conn.close());
  });
}
