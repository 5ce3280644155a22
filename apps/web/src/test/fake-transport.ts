import type { Ack } from '@exectree/domain';
import type { LiveTransport, ServerMessage, TransportStatus } from '../transport/messages.ts';

/** An in-memory LiveTransport: tests push server messages and inspect what was asked. */
export class FakeTransport implements LiveTransport {
  connected = false;
  subscribes: string[] = [];
  unsubscribes = 0;
  syncRequests = 0;
  subscribeAck: Ack<{ seq: number }> = { ok: true, data: { seq: 0 } };
  syncAck: Ack<{ seq: number }> = { ok: true, data: { seq: 0 } };
  private messageHandlers = new Set<(m: ServerMessage) => void>();
  private statusHandlers = new Set<(s: TransportStatus) => void>();

  onMessage(handler: (m: ServerMessage) => void) {
    this.messageHandlers.add(handler);
    return () => this.messageHandlers.delete(handler);
  }
  onStatus(handler: (s: TransportStatus) => void) {
    this.statusHandlers.add(handler);
    return () => this.statusHandlers.delete(handler);
  }
  isConnected() {
    return this.connected;
  }
  subscribeTree(group: string) {
    this.subscribes.push(group);
    return Promise.resolve(this.subscribeAck);
  }
  unsubscribeTree(): Promise<Ack<null>> {
    this.unsubscribes += 1;
    return Promise.resolve({ ok: true, data: null });
  }
  requestSync() {
    this.syncRequests += 1;
    return Promise.resolve(this.syncAck);
  }
  close() {}

  /** Test side: the server sends a message. */
  send(message: ServerMessage) {
    for (const handler of this.messageHandlers) handler(message);
  }
  /** Test side: the connection changes. */
  status(status: TransportStatus) {
    this.connected = status.kind === 'connected';
    for (const handler of this.statusHandlers) handler(status);
  }
}
