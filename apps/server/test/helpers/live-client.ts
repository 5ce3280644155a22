import { expect } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@exectree/domain';

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Received {
  event: string;
  payload: { seq?: number } & Record<string, unknown>;
}

/** A socket.io client that records every message; close it with `client.close()`. */
export function openLiveClient(
  url: string,
  transports: ('websocket' | 'polling')[] = ['websocket'],
): { client: LiveClient; received: Received[] } {
  const client: LiveClient = connect(url, { transports, reconnection: false });
  const received: Received[] = [];
  client.onAny((event: string, payload: Received['payload']) => received.push({ event, payload }));
  return { client, received };
}

export const findMessage = (received: readonly Received[], event: string, from = 0) =>
  received.slice(from).find((message) => message.event === event);

export const messagesOf = (received: readonly Received[], event: string) =>
  received.filter((message) => message.event === event);

/** The seq of every message that carries one must run 1, 2, 3, ... with no gap. */
export function expectConsecutiveSeq(received: readonly Received[]): void {
  const seqs = received.flatMap((m) => (m.payload.seq === undefined ? [] : [m.payload.seq]));
  expect(seqs).toEqual(seqs.map((_, index) => index + 1));
}
