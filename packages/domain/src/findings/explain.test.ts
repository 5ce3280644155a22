import { describe, expect, it } from 'vitest';
import { explainFindings, type FindingContext, type FindingSubject } from './explain.ts';
import { chmodExecutableTargets, downloadTargets, splitArguments } from './command-line.ts';

const subject = (over: Partial<FindingSubject>): FindingSubject => ({
  execId: 'child',
  binary: '/bin/ls',
  arguments: '',
  inInitTree: true,
  inPod: true,
  ...over,
});
const none: FindingContext = { parent: undefined, downloads: new Map() };

describe('explainFindings', () => {
  it('flags a shell started by a server process, naming the parent', () => {
    const [finding] = explainFindings(subject({ binary: '/bin/sh' }), {
      parent: { execId: 'p', binary: '/usr/sbin/nginx' },
      downloads: new Map(),
    });
    expect(finding).toEqual({
      rule: 'shell-from-server',
      reason: 'sh was started by nginx, which is not a shell or process launcher',
      relatedExecId: 'p',
    });
  });

  it('does not flag shells under shells, runc, the shim or entrypoint scripts', () => {
    for (const parent of [
      '/bin/bash',
      '/usr/bin/runc',
      '/usr/bin/containerd-shim-runc-v2',
      '/docker-entrypoint.sh',
    ]) {
      expect(
        explainFindings(subject({ binary: '/bin/sh' }), {
          parent: { execId: 'p', binary: parent },
          downloads: new Map(),
        }),
      ).toEqual([]);
    }
  });

  it('flags binaries in temporary directories and deleted binaries', () => {
    expect(explainFindings(subject({ binary: '/tmp/.x' }), none).map((f) => f.reason)).toEqual([
      '/tmp/.x: it runs from /tmp',
    ]);
    expect(explainFindings(subject({ binary: '/dev/shm/m' }), none)[0]?.rule).toBe('binary-in-tmp');
    expect(explainFindings(subject({ binary: '/usr/bin/x (deleted)' }), none)[0]?.reason).toMatch(
      /deleted/,
    );
  });

  it('flags kubectl exec sessions (in_init_tree false) in pods only', () => {
    expect(explainFindings(subject({ inInitTree: false }), none)[0]?.rule).toBe('exec-session');
    expect(explainFindings(subject({ inInitTree: false, inPod: false }), none)).toEqual([]);
    expect(explainFindings(subject({ inInitTree: null }), none)).toEqual([]);
  });

  it('does not flag Kubernetes exec probes (maybe_exec_probe) as exec sessions', () => {
    expect(explainFindings(subject({ inInitTree: false, maybeExecProbe: true }), none)).toEqual([]);
    expect(
      explainFindings(subject({ inInitTree: false, maybeExecProbe: false }), none)[0]?.rule,
    ).toBe('exec-session');
  });

  it('still applies the other rules to exec probes', () => {
    const rules = explainFindings(
      subject({ binary: '/tmp/probe', inInitTree: false, maybeExecProbe: true }),
      none,
    ).map((f) => f.rule);
    expect(rules).toEqual(['binary-in-tmp']);
  });

  it('flags running or chmod +x of a file downloaded in the same pod', () => {
    const downloads = new Map([['/tmp/payload', 'curl-id']]);
    const ran = explainFindings(subject({ binary: '/tmp/payload' }), {
      parent: undefined,
      downloads,
    });
    expect(ran.map((f) => [f.rule, f.relatedExecId])).toEqual([
      ['binary-in-tmp', null],
      ['fetch-then-exec', 'curl-id'],
    ]);
    const chmod = explainFindings(subject({ binary: '/bin/chmod', arguments: '+x /tmp/payload' }), {
      parent: undefined,
      downloads,
    });
    expect(chmod).toEqual([
      {
        rule: 'fetch-then-exec',
        reason: 'makes /tmp/payload executable after it was downloaded in this pod',
        relatedExecId: 'curl-id',
      },
    ]);
    expect(
      explainFindings(subject({ binary: '/bin/chmod', arguments: '644 /tmp/payload' }), {
        parent: undefined,
        downloads,
      }),
    ).toEqual([]);
  });
});

describe('command-line helpers', () => {
  it('splits Tetragon argument strings with quoted groups', () => {
    expect(splitArguments('-c "curl -o /tmp/x http://e" --v')).toEqual([
      '-c',
      'curl -o /tmp/x http://e',
      '--v',
    ]);
  });

  it('finds download targets of curl and wget, directly or through sh -c', () => {
    expect(downloadTargets('/usr/bin/curl', '-sL -o /tmp/a http://x')).toEqual(['/tmp/a']);
    expect(downloadTargets('/usr/bin/curl', '-o/tmp/b http://x')).toEqual(['/tmp/b']);
    expect(downloadTargets('/usr/bin/wget', '-q -O /tmp/c http://x')).toEqual(['/tmp/c']);
    expect(downloadTargets('/usr/bin/curl', '-sLo /tmp/g http://x')).toEqual(['/tmp/g']);
    expect(downloadTargets('/usr/bin/wget', '-qO- http://x')).toEqual([]);
    expect(downloadTargets('/usr/bin/wget', '--output-document=/tmp/d http://x')).toEqual([
      '/tmp/d',
    ]);
    expect(downloadTargets('/bin/sh', '-c "curl http://x > /tmp/e"')).toEqual(['/tmp/e']);
    expect(downloadTargets('/usr/bin/curl', 'http://x -o relative')).toEqual([]);
    expect(downloadTargets('/bin/cat', '-o /tmp/f')).toEqual([]);
  });

  it('reads chmod modes that add execute permission', () => {
    expect(chmodExecutableTargets('/bin/chmod', '+x /tmp/a')).toEqual(['/tmp/a']);
    expect(chmodExecutableTargets('/bin/chmod', 'u+rwx /tmp/a /tmp/b')).toEqual([
      '/tmp/a',
      '/tmp/b',
    ]);
    expect(chmodExecutableTargets('/bin/chmod', '0755 /tmp/a')).toEqual(['/tmp/a']);
    expect(chmodExecutableTargets('/bin/chmod', '0644 /tmp/a')).toEqual([]);
  });
});
