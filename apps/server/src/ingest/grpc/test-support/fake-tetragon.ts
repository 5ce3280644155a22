import { rmSync } from 'node:fs';
import {
  Server,
  ServerCredentials,
  type ServerWritableStream,
  type handleServerStreamingCall,
} from '@grpc/grpc-js';
import type { TetragonProto } from '../tetragon-proto.ts';

/** An in-process stand-in for the Tetragon agent's GetEvents, for tests only. */
export interface FakeTetragon {
  /** The address a source connects to. */
  readonly target: string;
  /** GetEvents calls received so far. */
  readonly calls: number;
  /** Calls still streaming. */
  readonly active: number;
  /** Calls the client cancelled. */
  readonly cancelled: number;
  readonly requests: readonly unknown[];
  /** Writes one GetEventsResponse (proto-loader input object) to every active call. */
  send(message: object): void;
  /** Writes these bytes as one response message, unchecked: for malformed messages. */
  sendRaw(bytes: Buffer): void;
  /** Ends every active call with status OK. */
  endStreams(): void;
  /** Drops every connection mid-stream, like an agent that dies. */
  stop(): Promise<void>;
}

class RawMessage {
  constructor(readonly bytes: Buffer) {}
}

/** Listens on `127.0.0.1:<port>` (0 picks one) or `unix:///path`; never on other interfaces. */
export async function startFakeTetragon(
  proto: TetragonProto,
  address: string,
): Promise<FakeTetragon> {
  if (!address.startsWith('127.0.0.1:') && !address.startsWith('unix:///')) {
    throw new Error(`the fake agent listens on loopback or a unix socket only, not ${address}`);
  }
  const server = new Server();
  const active = new Set<ServerWritableStream<object, object>>();
  const requests: unknown[] = [];
  let calls = 0;
  let cancelled = 0;

  const getEvents: handleServerStreamingCall<object, object> = (call) => {
    calls += 1;
    requests.push(call.request);
    active.add(call);
    call.on('cancelled', () => {
      cancelled += 1;
      active.delete(call);
    });
  };
  const method = proto.getEvents;
  const service = {
    ...proto.service,
    GetEvents: {
      ...method,
      responseSerialize: (value: object) =>
        value instanceof RawMessage ? value.bytes : method.responseSerialize(value),
    },
  };
  server.addService(service, { GetEvents: getEvents });

  if (address.startsWith('unix://')) rmSync(address.slice('unix://'.length), { force: true });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    );
  });
  const target = address.startsWith('unix://') ? address : `127.0.0.1:${port}`;

  return {
    target,
    get calls() {
      return calls;
    },
    get active() {
      return active.size;
    },
    get cancelled() {
      return cancelled;
    },
    requests,
    send(message) {
      for (const call of active) call.write(message);
    },
    sendRaw(bytes) {
      for (const call of active) call.write(new RawMessage(bytes));
    },
    endStreams() {
      for (const call of active) call.end();
      active.clear();
    },
    async stop() {
      server.forceShutdown();
      active.clear();
    },
  };
}
