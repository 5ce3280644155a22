import { INVALID_UTF8, lineTooLong } from '../line-limits.ts';
import { RESPONSE_TYPE, type TetragonProto } from './tetragon-proto.ts';
import { invalidUtf8Field } from './wire-utf8.ts';

const REJECTED = Symbol('rejected message');

/** Stands in for a message that could not be used, so the stream goes on without it. */
export interface RejectedMessage {
  readonly [REJECTED]: string;
}

export function rejectionOf(message: unknown): string | undefined {
  return typeof message === 'object' && message !== null && REJECTED in message
    ? String(message[REJECTED])
    : undefined;
}

const rejected = (reason: string): RejectedMessage => ({ [REJECTED]: reason });

/**
 * Wraps the GetEvents response decoder. grpc-js ends the whole call when a decoder throws,
 * and protobuf decoders replace invalid UTF-8 silently; this one turns an oversized,
 * undecodable or non-UTF-8 message into a stand-in that becomes one rejected line.
 */
export function checkedDeserializer(
  proto: TetragonProto,
  maxLineBytes: number,
): (bytes: Buffer) => object {
  const decode = proto.getEvents.responseDeserialize;
  return (bytes) => {
    if (bytes.length > maxLineBytes) return rejected(lineTooLong(maxLineBytes));
    let message: object;
    try {
      message = decode(bytes);
    } catch (error) {
      return rejected(
        `cannot decode the message: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const field = invalidUtf8Field(proto.schema, RESPONSE_TYPE, bytes);
    return field === undefined ? message : rejected(`${INVALID_UTF8} in ${field}`);
  };
}
