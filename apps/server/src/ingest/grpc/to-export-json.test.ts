import { describe, expect, it } from 'vitest';
import { fixtureLines } from '../../../test/helpers/fixtures.ts';
import { exportJsonToMessage } from './test-support/export-json-to-message.ts';
import { loadTetragonProto, RESPONSE_TYPE } from './tetragon-proto.ts';
import { ConversionError, toExportJson } from './to-export-json.ts';

const proto = loadTetragonProto();
const convert = (message: unknown) => toExportJson(proto.schema, RESPONSE_TYPE, message);

// Objects below are shaped like proto-loader's output: absent fields missing, oneofs named by
// a virtual property, longs as strings, enums as names, bytes as Buffers.
const ts = (seconds: string, nanos?: number) =>
  nanos === undefined ? { seconds } : { seconds, nanos };

describe('toExportJson', () => {
  it('writes an exec event the way the JSON exporter does', () => {
    const json = convert({
      event: 'process_exec',
      time: ts('1652273685', 615_000_000),
      node_name: 'kind-control-plane',
      process_exec: {
        process: {
          exec_id: 'a2luZA==',
          // An empty wrapper is a zero on the wire; protojson still writes it.
          pid: { value: 51583 },
          uid: {},
          auid: { value: 4294967295 },
          tid: { value: 0 },
          in_init_tree: {},
          cwd: '',
          binary: '/usr/bin/whoami',
          flags: 'execve rootcwd clone',
          start_time: ts('1652273685', 615_300_000),
          refcnt: 0,
          pod: {
            namespace: 'default',
            name: 'xwing',
            container: {
              id: 'containerd://1fb9',
              start_time: ts('1652263653'),
              pid: { value: 50 },
            },
            pod_labels: { org: 'alliance', class: 'xwing', 'app.kubernetes.io/name': 'xwing' },
            pod_annotations: {},
          },
          cap: { permitted: ['CAP_CHOWN', 'DAC_OVERRIDE'], effective: [] },
        },
        parent: { exec_id: 'YmFzaA==', start_time: ts('0', 1) },
        ancestors: [],
      },
    });
    expect(json).toEqual({
      process_exec: {
        process: {
          exec_id: 'a2luZA==',
          pid: 51583,
          uid: 0,
          binary: '/usr/bin/whoami',
          flags: 'execve rootcwd clone',
          start_time: '2022-05-11T12:54:45.615300Z',
          auid: 4294967295,
          pod: {
            namespace: 'default',
            name: 'xwing',
            container: { id: 'containerd://1fb9', start_time: '2022-05-11T10:07:33Z', pid: 50 },
            pod_labels: { 'app.kubernetes.io/name': 'xwing', class: 'xwing', org: 'alliance' },
          },
          cap: { permitted: ['CAP_CHOWN', 'DAC_OVERRIDE'] },
          tid: 0,
          in_init_tree: false,
        },
        parent: { exec_id: 'YmFzaA==', start_time: '1970-01-01T00:00:00.000000001Z' },
      },
      node_name: 'kind-control-plane',
      time: '2022-05-11T12:54:45.615Z',
    });
    expect(Object.keys(json)).toEqual(['process_exec', 'node_name', 'time']);
    const process = (json.process_exec as Record<string, Record<string, unknown>>).process;
    expect(Object.keys(process?.pod as object)).toEqual([
      'namespace',
      'name',
      'container',
      'pod_labels',
    ]);
    expect(Object.keys((process?.pod as Record<string, object>).pod_labels ?? {})).toEqual([
      'app.kubernetes.io/name',
      'class',
      'org',
    ]);
  });

  it('leaves out a clean exit status and keeps a non-zero one', () => {
    const clean = convert({
      event: 'process_exit',
      process_exit: { process: { exec_id: 'eA==' }, signal: '', status: 0 },
    });
    expect(clean).toEqual({ process_exit: { process: { exec_id: 'eA==' } } });

    const failed = convert({
      event: 'process_exit',
      process_exit: { process: {}, signal: 'SIGKILL', status: 3, time: ts('1', 500_000) },
    });
    expect(failed).toEqual({
      process_exit: {
        process: {},
        signal: 'SIGKILL',
        status: 3,
        time: '1970-01-01T00:00:01.000500Z',
      },
    });
  });

  it('writes kprobe arguments: the set oneof member only, 64-bit as strings, bytes as base64', () => {
    const json = convert({
      event: 'process_kprobe',
      process_kprobe: {
        function_name: 'security_file_permission',
        args: [
          {
            arg: 'file_arg',
            file_arg: { path: '/etc/passwd', permission: '-rw-r--r--', mount: '' },
          },
          { arg: 'int_arg', int_arg: 0 },
          { arg: 'size_arg', size_arg: '18446744073709551615' },
          { arg: 'long_arg', long_arg: '-5' },
          { arg: 'bytes_arg', bytes_arg: Buffer.from('hello') },
          { arg: 'string_arg', string_arg: '' },
          { arg: 'uint_arg', uint_arg: 4294967295 },
          { arg: 'capability_arg', capability_arg: { value: {}, name: 'CAP_CHOWN' } },
          { arg: 'sock_arg', sock_arg: { family: 'AF_INET', sport: 0, cookie: '0', dport: 443 } },
          { arg: 'path_arg', path_arg: { path: '/tmp' }, label: 'dir' },
          {},
        ],
        return: { arg: 'int_arg', int_arg: 0 },
        action: 'KPROBE_ACTION_POST',
        return_action: 'KPROBE_ACTION_UNKNOWN',
        policy_name: 'file-monitoring',
        tags: [],
      },
    });
    expect(json).toEqual({
      process_kprobe: {
        function_name: 'security_file_permission',
        args: [
          { file_arg: { path: '/etc/passwd', permission: '-rw-r--r--' } },
          { int_arg: 0 },
          { size_arg: '18446744073709551615' },
          { long_arg: '-5' },
          { bytes_arg: 'aGVsbG8=' },
          { string_arg: '' },
          { uint_arg: 4294967295 },
          { capability_arg: { value: 0, name: 'CAP_CHOWN' } },
          { sock_arg: { family: 'AF_INET', dport: 443 } },
          { path_arg: { path: '/tmp' }, label: 'dir' },
          {},
        ],
        return: { int_arg: 0 },
        action: 'KPROBE_ACTION_POST',
        policy_name: 'file-monitoring',
      },
    });
  });

  it('names enum numbers it knows and keeps the others as numbers', () => {
    const json = convert({
      event: 'process_kprobe',
      process_kprobe: { action: 3, return_action: 999, function_name: 'f' },
    });
    expect(json).toEqual({
      process_kprobe: { function_name: 'f', action: 'KPROBE_ACTION_SIGKILL', return_action: 999 },
    });
    expect(convert({ process_kprobe: { action: 0 } })).toEqual({ process_kprobe: {} });
  });

  it('writes event types without a process and the top-level extras', () => {
    expect(
      convert({
        event: 'rate_limit_info',
        rate_limit_info: { number_of_dropped_process_events: '12345678901234' },
        node_name: 'n1',
        time: ts('1700000000', 123_456_789),
        aggregation_info: { count: '7' },
        cluster_name: '',
        node_labels: { zone: 'b', arch: 'amd64' },
      }),
    ).toEqual({
      rate_limit_info: { number_of_dropped_process_events: '12345678901234' },
      node_name: 'n1',
      time: '2023-11-14T22:13:20.123456789Z',
      aggregation_info: { count: '7' },
      node_labels: { arch: 'amd64', zone: 'b' },
    });
    expect(
      convert({ process_throttle: { type: 'THROTTLE_START', cgroup: 'session-429.scope' } }),
    ).toEqual({ process_throttle: { type: 'THROTTLE_START', cgroup: 'session-429.scope' } });
  });

  it('ignores properties the schema does not declare', () => {
    expect(convert({ event: 'process_exec', process_exec: {}, process_connect: { x: 1 } })).toEqual(
      { process_exec: {} },
    );
  });

  it('says where a value has the wrong shape', () => {
    expect(() => convert({ process_exec: { process: { pid: { value: 'x' } } } })).toThrow(
      new ConversionError(
        'tetragon.GetEventsResponse.process_exec.process.pid: expected uint32, got string',
      ),
    );
    expect(() => convert({ process_exec: { ancestors: {} } })).toThrow(
      /ancestors: expected a list/,
    );
    expect(() => convert({ time: { seconds: '99999999999999' } })).toThrow(
      /time: timestamp seconds/,
    );
    expect(() => convert('nope')).toThrow(ConversionError);
  });

  it.each(['docs-whoami-exec-exit.jsonl', 'docs-kprobe-events.jsonl', 'testdata-events.jsonl'])(
    'writes every line of %s byte for byte after a trip through the wire format',
    (file) => {
      const type = proto.getEvents.responseType;
      for (const line of fixtureLines(file)) {
        const { message, dropped } = exportJsonToMessage(
          proto.schema,
          RESPONSE_TYPE,
          JSON.parse(line),
        );
        expect(dropped).toEqual([]);
        const decoded = type.deserialize(type.serialize(message));
        expect(JSON.stringify(convert(decoded))).toBe(line);
      }
    },
  );
});
