import { describe, expect, it } from 'vitest';
import { compileFilterPattern, matchesCompactFilter, type CompactFilter } from './filter.ts';

const none: CompactFilter = { namespaces: [], pods: [], binaries: [] };
const podExec = {
  process_exec: {
    process: { binary: '/usr/bin/curl', pod: { namespace: 'default', name: 'xwing' } },
  },
};
const hostExit = { process_exit: { process: { binary: '/usr/sbin/sshd' } } };
const throttle = { process_throttle: { type: 'THROTTLE_START', cgroup: 'session-1.scope' } };

describe('matchesCompactFilter', () => {
  it('keeps everything, throttle and unknown lines included, without criteria', () => {
    for (const event of [podExec, hostExit, throttle, { rate_limit_info: {} }, null]) {
      expect(matchesCompactFilter(event, none)).toBe(true);
    }
  });

  it('matches namespaces exactly, "" meaning host processes', () => {
    const defaults = { ...none, namespaces: ['default'] };
    expect(matchesCompactFilter(podExec, defaults)).toBe(true);
    expect(matchesCompactFilter(podExec, { ...none, namespaces: ['def'] })).toBe(false);
    expect(matchesCompactFilter(hostExit, defaults)).toBe(false);
    expect(matchesCompactFilter(hostExit, { ...none, namespaces: ['kube-system', ''] })).toBe(true);
  });

  it('matches pod names and binaries by unanchored regex', () => {
    expect(matchesCompactFilter(podExec, { ...none, pods: [/wing/] })).toBe(true);
    expect(matchesCompactFilter(hostExit, { ...none, pods: [/.*/] })).toBe(false);
    expect(matchesCompactFilter(hostExit, { ...none, binaries: [/ssh/] })).toBe(true);
    expect(matchesCompactFilter(podExec, { ...none, binaries: [/ssh/, /curl$/] })).toBe(true);
  });

  it('requires every given criterion', () => {
    const filter = { namespaces: ['default'], pods: [/xwing/], binaries: [/bash/] };
    expect(matchesCompactFilter(podExec, filter)).toBe(false);
    expect(matchesCompactFilter(podExec, { ...filter, binaries: [/curl/] })).toBe(true);
  });

  it('drops events without a process once any criterion is set', () => {
    expect(matchesCompactFilter(throttle, { ...none, binaries: [/.*/] })).toBe(false);
    expect(matchesCompactFilter({ test: {} }, { ...none, namespaces: [''] })).toBe(false);
  });
});

describe('compileFilterPattern', () => {
  it('turns a leading RE2 flag group into JS flags', () => {
    expect(compileFilterPattern('(?i)CURL').test('/usr/bin/curl')).toBe(true);
    expect(compileFilterPattern('CURL').test('/usr/bin/curl')).toBe(false);
  });

  it('throws a SyntaxError on an invalid pattern', () => {
    expect(() => compileFilterPattern('(')).toThrow(SyntaxError);
  });
});
