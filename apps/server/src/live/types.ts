import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '@exectree/domain';

/** What replicas on one PostgreSQL database tell each other through the socket.io adapter. */
export interface PeerEvents {
  /** "I committed changes to the merged tree": look for them now (engine-postgres.ts). */
  'exectree:changed': () => void;
}

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, PeerEvents, SocketData>;
export type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, PeerEvents, SocketData>;
