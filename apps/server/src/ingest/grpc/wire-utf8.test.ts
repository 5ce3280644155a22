import { describe, expect, it } from 'vitest';
import { loadTetragonProto, RESPONSE_TYPE } from './tetragon-proto.ts';
import { invalidUtf8Field } from './wire-utf8.ts';

const proto = loadTetragonProto();

/** Encodes a response and overwrites the first byte of `marker` with 0xff. */
function corrupt(message: object, marker: string): Buffer {
  const bytes = Buffer.from(proto.getEvents.responseSerialize(message));
  const at = bytes.indexOf(marker);
  expect(at).toBeGreaterThanOrEqual(0);
  bytes[at] = 0xff;
  return bytes;
}

const kprobe = (args: object[], labels: Record<string, string>) => ({
  process_kprobe: {
    process: { binary: '/bin/sh', pod: { namespace: 'ns', name: 'p', pod_labels: labels } },
    function_name: 'security_file_open',
    args,
  },
  node_name: 'node',
});

describe('invalidUtf8Field', () => {
  it('finds bad bytes in nested strings, map keys and map values, and names the field', () => {
    const message = kprobe([{ string_arg: 'STRINGARG' }], { KEYKEY: 'VALUEVALUE' });
    const valid = Buffer.from(proto.getEvents.responseSerialize(message));
    expect(invalidUtf8Field(proto.schema, RESPONSE_TYPE, valid)).toBeUndefined();
    expect(invalidUtf8Field(proto.schema, RESPONSE_TYPE, corrupt(message, 'STRINGARG'))).toBe(
      'tetragon.GetEventsResponse.process_kprobe.args.string_arg',
    );
    expect(invalidUtf8Field(proto.schema, RESPONSE_TYPE, corrupt(message, 'KEYKEY'))).toBe(
      'tetragon.GetEventsResponse.process_kprobe.process.pod.pod_labels',
    );
    expect(invalidUtf8Field(proto.schema, RESPONSE_TYPE, corrupt(message, 'VALUEVALUE'))).toBe(
      'tetragon.GetEventsResponse.process_kprobe.process.pod.pod_labels',
    );
    expect(invalidUtf8Field(proto.schema, RESPONSE_TYPE, corrupt(message, 'node'))).toBe(
      'tetragon.GetEventsResponse.node_name',
    );
  });

  it('leaves bytes fields alone: they are not text', () => {
    const message = kprobe([{ bytes_arg: Buffer.from([0xff, 0xfe, 0x00]) }], {});
    const bytes = Buffer.from(proto.getEvents.responseSerialize(message));
    expect(invalidUtf8Field(proto.schema, RESPONSE_TYPE, bytes)).toBeUndefined();
  });
});
