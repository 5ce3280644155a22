import {
  Client,
  connectivityState,
  credentials,
  status as Status,
  type ChannelOptions,
  type StatusObject,
} from '@grpc/grpc-js';
import type { EventStreamOpener, StreamHandlers } from './event-stream.ts';
import type { GetEventsRequest } from './get-events-request.ts';
import type { TetragonProto } from './tetragon-proto.ts';

export interface GetEventsStreamOptions {
  /** A gRPC target: unix:///path or host:port. */
  target: string;
  proto: TetragonProto;
  request: GetEventsRequest;
  /** Decodes one response; the method's own decoder when absent. */
  deserialize?: (bytes: Buffer) => object;
  /** Larger messages end the call (grpc-js's own limit, 4 MiB by default). */
  maxReceiveBytes?: number;
}

/**
 * A fresh channel per call, with its own subchannel: a shared or reused one stays in grpc-js's
 * own reconnect backoff after a failure and fails new calls at once, so a restarted agent would
 * be found later than the source's backoff says.
 */
const CHANNEL_OPTIONS: ChannelOptions = { 'grpc.use_local_subchannel_pool': 1 };

/** Streams tetragon.FineGuidanceSensors/GetEvents over insecure channels (Tetragon's socket is local). */
export function createGetEventsOpener(options: GetEventsStreamOptions): EventStreamOpener {
  const { target, proto, request } = options;
  const deserialize = options.deserialize ?? proto.getEvents.responseDeserialize;
  const channelOptions: ChannelOptions = {
    ...CHANNEL_OPTIONS,
    ...(options.maxReceiveBytes === undefined
      ? {}
      : { 'grpc.max_receive_message_length': options.maxReceiveBytes }),
  };
  let client: Client | undefined;

  return {
    open(handlers: StreamHandlers) {
      client?.close();
      const own = new Client(target, credentials.createInsecure(), channelOptions);
      client = own;
      const channel = own.getChannel();
      const method = proto.getEvents;
      const call = own.makeServerStreamRequest(
        method.path,
        method.requestSerialize,
        deserialize,
        request,
      );
      let done = false;
      let connected = false;
      let status: StatusObject | undefined;
      let drained = false;
      const connect = () => {
        if (done || connected || status) return;
        connected = true;
        handlers.onConnected();
      };
      // The agent may send no headers until its first event, so a ready channel counts too.
      const watch = () => {
        if (done || connected || status) return;
        const state = channel.getConnectivityState(false);
        if (state === connectivityState.READY) connect();
        else if (state !== connectivityState.SHUTDOWN) {
          channel.watchConnectivityState(state, Infinity, watch);
        }
      };
      process.nextTick(watch);
      // The status can come before the last messages are read; end the call after both.
      const finish = () => {
        if (done || !status || !drained) return;
        done = true;
        own.close();
        handlers.onEnd(describeStatus(status));
      };

      call.on('metadata', connect);
      call.on('data', (message: unknown) => {
        if (done) return;
        connect();
        handlers.onMessage(message);
      });
      // Errors also arrive as a status, which says everything needed.
      call.on('error', () => {});
      call.on('status', (received: StatusObject) => {
        status ??= received;
        finish();
      });
      for (const event of ['end', 'close']) {
        call.on(event, () => {
          drained = true;
          finish();
        });
      }

      return {
        cancel() {
          done = true;
          call.cancel();
          own.close();
        },
        pause() {
          call.pause();
        },
        resume() {
          call.resume();
        },
      };
    },
    close() {
      client?.close();
      client = undefined;
    },
  };
}

function describeStatus(status: StatusObject): string {
  if (status.code === Status.OK) return 'GetEvents: the agent ended the stream';
  const name = Status[status.code] ?? `status ${status.code}`;
  // grpc-js appends an empty "Resolution note: " to connection errors.
  const details = status.details.replace(/\s*Resolution note:\s*$/, '');
  return `GetEvents: ${name}${details ? `: ${details}` : ''}`;
}
