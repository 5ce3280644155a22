import type { Log } from '../../log.ts';
import { DEFAULT_MAX_LINE_BYTES, LineRejection, lineTooLong } from '../line-limits.ts';
import type { IngestPipeline } from '../pipeline.ts';
import type { Source } from '../source.ts';
import type { SourceTracker } from '../source-status.ts';
import type { BackoffOptions } from './backoff.ts';
import { checkedDeserializer, rejectionOf } from './checked-messages.ts';
import type { GetEventsRequest } from './get-events-request.ts';
import { createGetEventsOpener } from './get-events-stream.ts';
import { grpcTarget } from './grpc-address.ts';
import { createReconnectingSource } from './reconnecting-source.ts';
import { loadTetragonProto, RESPONSE_TYPE, type TetragonProto } from './tetragon-proto.ts';
import { toExportJson } from './to-export-json.ts';

export interface GrpcSourceOptions {
  /** `unix:///var/run/tetragon/tetragon.sock` or `host:port`; see grpcTarget. */
  address: string;
  tracker: SourceTracker;
  pipeline: IngestPipeline;
  log: Log;
  /** Server-side filters; by default every event. */
  request?: GetEventsRequest;
  /** Reconnect delays; default 0.5 s doubling to 30 s. */
  backoff?: BackoffOptions;
  /** Most lines per pipeline transaction. */
  maxBatchLines?: number;
  /** The loaded .proto files; loaded from apps/server/proto when not given. */
  proto?: TetragonProto;
  /** Longer events (as export lines) are rejected one by one (`--max-line`). */
  maxLineBytes?: number;
}

/** grpc-js's default; messages above it end the call instead of becoming one rejected line. */
const GRPC_DEFAULT_MAX_RECEIVE = 4 * 1024 * 1024;

/**
 * Streams Tetragon's GetEvents and feeds every event to the pipeline as the line Tetragon's
 * JSON exporter would have written for it, so one parser serves files, stdin, HTTP and gRPC.
 * Throws at once on an invalid address or unreadable .proto files.
 */
export function createGrpcSource(options: GrpcSourceOptions): Source {
  const target = grpcTarget(options.address);
  const proto = options.proto ?? loadTetragonProto();
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const opener = createGetEventsOpener({
    target,
    proto,
    request: options.request ?? {},
    deserialize: checkedDeserializer(proto, maxLineBytes),
    maxReceiveBytes: Math.max(GRPC_DEFAULT_MAX_RECEIVE, 2 * maxLineBytes),
  });
  const toLine = (message: unknown): string => {
    const rejected = rejectionOf(message);
    if (rejected !== undefined) throw new LineRejection(rejected);
    const line = JSON.stringify(toExportJson(proto.schema, RESPONSE_TYPE, message));
    if (Buffer.byteLength(line) > maxLineBytes) throw new LineRejection(lineTooLong(maxLineBytes));
    return line;
  };
  return createReconnectingSource({
    opener,
    toLine,
    tracker: options.tracker,
    pipeline: options.pipeline,
    log: options.log,
    backoff: options.backoff ?? {},
    ...(options.maxBatchLines === undefined ? {} : { maxBatchLines: options.maxBatchLines }),
  });
}
