import type {
  Ack,
  GroupsDelta,
  GroupsSnapshot,
  InfoResponse,
  SyncRequired,
  TreeDelta,
  TreeSnapshot,
} from '@exectree/domain';

/** Everything the server pushes, as one tagged union the live layer can buffer in order. */
export type ServerMessage =
  | { type: 'server:info'; payload: InfoResponse }
  | { type: 'groups:snapshot'; payload: GroupsSnapshot }
  | { type: 'groups:delta'; payload: GroupsDelta }
  | { type: 'tree:snapshot'; payload: TreeSnapshot }
  | { type: 'tree:delta'; payload: TreeDelta }
  /** The server dropped this socket's backlog; it sends nothing more until `sync:request`. */
  | { type: 'sync:required'; payload: SyncRequired };

export type TransportStatus =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  /** `everConnected` tells a lost connection from a server that was never reached. */
  | { kind: 'disconnected'; reason: string; attempt: number; everConnected: boolean };

/**
 * What the live layer needs from a connection. The socket.io implementation lives in
 * socket.ts; tests pass a fake.
 */
export interface LiveTransport {
  onMessage(handler: (message: ServerMessage) => void): () => void;
  onStatus(handler: (status: TransportStatus) => void): () => void;
  isConnected(): boolean;
  subscribeTree(group: string): Promise<Ack<{ seq: number }>>;
  unsubscribeTree(): Promise<Ack<null>>;
  requestSync(): Promise<Ack<{ seq: number }>>;
  close(): void;
}
