import { decodeExecId } from '@exectree/domain';
import { describe, expect, it } from 'vitest';
import { hasFlag, timeNs, type ParsedLine, type ProcessJson } from './test-support/events.ts';
import { orderedSample } from './test-support/sample.ts';

const SHIM = '/usr/bin/containerd-shim-runc-v2';
const RUNC = '/usr/bin/runc';

function events(): ParsedLine[] {
  return orderedSample().events;
}

function isHost(p: ProcessJson | undefined): boolean {
  return p !== undefined && p.pod === undefined;
}

function execs(): ParsedLine[] {
  return events().filter((e) => e.key === 'process_exec');
}

function exits(): ParsedLine[] {
  return events().filter((e) => e.key === 'process_exit');
}

describe('process identity and time', () => {
  it('keeps ktime consistent with start_time (one boot time per node)', () => {
    const boots = new Map<string, Set<bigint>>();
    for (const { node, event } of events()) {
      for (const p of [event.process, event.parent]) {
        if (p?.exec_id === undefined || p.start_time === undefined) continue;
        const ktime = BigInt(decodeExecId(p.exec_id)?.ktime ?? '0');
        const boot = timeNs(p.start_time) - ktime;
        (boots.get(node) ?? boots.set(node, new Set()).get(node))?.add(boot);
      }
    }
    expect(boots.size).toBe(3);
    for (const set of boots.values()) expect(set.size).toBe(1);
  });

  it('stamps an exec with its start time, and procFS starts on 10 ms jiffies', () => {
    const bad: string[] = [];
    for (const e of execs()) {
      const p = e.event.process;
      if (p?.start_time !== e.time) bad.push(`time ${e.time} != start ${p?.start_time}`);
      if (
        hasFlag(p, 'procFS') &&
        BigInt(decodeExecId(p?.exec_id ?? '')?.ktime ?? '1') % 10_000_000n !== 0n
      ) {
        bad.push(`procFS ktime not a jiffy: ${p?.exec_id}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps time increasing per node and non-decreasing overall', () => {
    let previous = 0n;
    const perNode = new Map<string, bigint>();
    const bad: string[] = [];
    for (const e of events()) {
      const t = timeNs(e.time);
      if (t < previous) bad.push(`global ${e.time}`);
      if (t <= (perNode.get(e.node) ?? 0n)) bad.push(`node ${e.node} ${e.time}`);
      previous = t;
      perNode.set(e.node, t);
    }
    expect(bad).toEqual([]);
  });

  it('carries full process and parent snapshots on every process event', () => {
    const bad = events().filter(
      (e) =>
        e.key.startsWith('process_') &&
        e.key !== 'process_throttle' &&
        (e.event.process?.exec_id === undefined ||
          e.event.parent?.exec_id === undefined ||
          e.event.process.parent_exec_id !== e.event.parent.exec_id ||
          e.event.process.binary === undefined ||
          e.event.process.in_init_tree === undefined),
    );
    expect(bad).toEqual([]);
  });
});

describe('lifecycle order', () => {
  it('emits exec before exit, each at most once per exec_id', () => {
    const execed = new Set<string>();
    const exited = new Set<string>();
    const bad: string[] = [];
    for (const e of events()) {
      const id = e.event.process?.exec_id ?? '';
      if (e.key === 'process_exec') {
        if (execed.has(id) || exited.has(id)) bad.push(`exec twice or after exit: ${id}`);
        execed.add(id);
      } else if (e.key === 'process_exit') {
        if (exited.has(id)) bad.push(`exit twice: ${id}`);
        exited.add(id);
      }
    }
    expect(bad).toEqual([]);
  });

  it('links each live exec to a parent already seen, unless that parent is host-only or fork-only', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    let checked = 0;
    for (const { key, event } of events()) {
      const { process: p, parent } = event;
      if (key === 'process_exec' && !hasFlag(p, 'procFS')) {
        checked++;
        const known = seen.has(parent?.exec_id ?? '');
        const embeddedOnly = isHost(parent) || parent?.flags === 'execve';
        if (!known && !embeddedOnly) bad.push(`${p?.binary} parent ${parent?.binary} unseen`);
      }
      if (p?.exec_id !== undefined) seen.add(p.exec_id);
      if (parent?.exec_id !== undefined) seen.add(parent.exec_id);
    }
    expect(checked).toBeGreaterThan(1_000);
    expect(bad).toEqual([]);
  });

  it('starts every node with a parent-first procFS burst of processes from before the agent', () => {
    const firstLive = new Map<string, number>();
    const lastProcfs = new Map<string, number>();
    const known = new Set<string>();
    const bad: string[] = [];
    events().forEach((e, i) => {
      const p = e.event.process;
      if (e.key === 'process_exec' && hasFlag(p, 'procFS')) {
        lastProcfs.set(e.node, i);
        const parent = e.event.parent;
        const parentKnown = known.has(parent?.exec_id ?? '') || isHost(parent);
        if (!parentKnown) bad.push(`procFS ${p?.binary} before its parent ${parent?.binary}`);
        if (hasFlag(p, 'execve') || hasFlag(p, 'clone'))
          bad.push(`procFS with execve/clone: ${p?.flags}`);
        if (p?.exec_id !== undefined) known.add(p.exec_id);
      } else if (!firstLive.has(e.node)) {
        firstLive.set(e.node, i);
      }
    });
    expect(lastProcfs.size).toBe(3);
    for (const [node, last] of lastProcfs)
      expect(last).toBeLessThan(firstLive.get(node) ?? Infinity);
    expect(bad).toEqual([]);
  });
});

describe('exec without fork and fork without exec', () => {
  it('replaces an image in place: same pid, new exec_id, no clone flag, and no exit for the old image', () => {
    const replaced = new Set<string>();
    const bad: string[] = [];
    for (const { key, event } of events()) {
      const { process: p, parent } = event;
      if (key !== 'process_exec' || !hasFlag(p, 'execve') || hasFlag(p, 'clone')) continue;
      if (parent?.pid !== p?.pid) bad.push(`pid changed: ${parent?.binary} -> ${p?.binary}`);
      if (parent?.exec_id === p?.exec_id) bad.push(`same exec_id for ${p?.binary}`);
      replaced.add(parent?.exec_id ?? '');
    }
    const exitedReplaced = exits().filter((e) => replaced.has(e.event.process?.exec_id ?? ''));
    expect(replaced.size).toBeGreaterThan(50);
    expect(bad).toEqual([]);
    expect(exitedReplaced).toEqual([]);
    const pairs = new Set(
      execs()
        .filter((e) => !hasFlag(e.event.process, 'clone') && hasFlag(e.event.process, 'execve'))
        .map((e) => `${e.event.parent?.binary} -> ${e.event.process?.binary}`),
    );
    expect(pairs).toContain('/bin/sh -> /usr/lib/postgresql/16/bin/pg_isready');
    expect(pairs).toContain('/usr/bin/nice -> /usr/bin/du');
    const bootChains = execs().filter(
      (e) =>
        !hasFlag(e.event.process, 'clone') &&
        hasFlag(e.event.process, 'execve') &&
        e.event.process?.pod?.container?.pid === 1,
    );
    expect(bootChains.length).toBeGreaterThan(0);
  });

  it('has fork-only processes, known only from their exit, with the parent binary and flags "execve"', () => {
    const execIds = new Set(execs().map((e) => e.event.process?.exec_id));
    const forkOnly = exits().filter((e) => !execIds.has(e.event.process?.exec_id));
    expect(forkOnly.length).toBeGreaterThan(100);
    for (const { event } of forkOnly) {
      expect(event.process?.flags).toBe('execve');
      expect(event.process?.binary).toBe(event.parent?.binary);
      expect(event.process?.arguments).toBe(event.parent?.arguments);
      expect(event.process?.pid).not.toBe(event.parent?.pid);
    }
  });
});

describe('containers, sessions and host processes', () => {
  it('never emits the shim or runc as a process, only as an embedded parent', () => {
    const asProcess = events().filter((e) => [SHIM, RUNC].includes(e.event.process?.binary ?? ''));
    expect(asProcess).toEqual([]);
    // Container pid 1 as first exec'd (later images of the same pid are exec-without-fork).
    const inits = execs().filter(
      (e) =>
        e.event.process?.pod?.container?.pid === 1 &&
        (hasFlag(e.event.process, 'clone') || hasFlag(e.event.process, 'procFS')),
    );
    expect(inits.length).toBeGreaterThan(20);
    for (const { event } of inits) {
      expect(event.process?.in_init_tree).toBe(true);
      expect(event.parent?.binary).toBe(SHIM);
      expect(event.parent?.pod).toBeUndefined();
    }
  });

  it('has kubectl exec sessions outside the init tree, started by runc, running commands', () => {
    const shells = execs().filter(
      (e) =>
        e.event.parent?.binary === RUNC &&
        e.event.process?.in_init_tree === false &&
        e.event.process.pod?.container?.maybe_exec_probe !== true,
    );
    expect(shells.length).toBeGreaterThan(3);
    const shellIds = new Set(shells.map((e) => e.event.process?.exec_id));
    const commands = execs().filter((e) => shellIds.has(e.event.parent?.exec_id));
    expect(commands.length).toBeGreaterThan(5);
    for (const { event } of commands) expect(event.process?.in_init_tree).toBe(false);
  });

  it('repeats exec liveness probes marked maybe_exec_probe', () => {
    const probes = execs().filter(
      (e) => e.event.process?.pod?.container?.maybe_exec_probe === true,
    );
    expect(probes.length).toBeGreaterThan(500);
    const pgIsReady = probes.filter(
      (e) =>
        e.event.process?.binary === '/bin/sh' &&
        (e.event.process.arguments ?? '').includes('pg_isready'),
    );
    expect(pgIsReady.length).toBeGreaterThan(100);
    for (const { event } of probes) {
      expect(event.process?.in_init_tree).toBe(false);
      expect([RUNC, '/bin/sh'].includes(event.parent?.binary ?? '')).toBe(true);
    }
  });

  it('has host processes with their own events, and several namespaces and workload kinds', () => {
    const host = execs().filter(
      (e) => isHost(e.event.process) && !hasFlag(e.event.process, 'procFS'),
    );
    expect(host.length).toBeGreaterThan(100);
    const namespaces = new Set(events().map((e) => e.event.process?.pod?.namespace));
    for (const ns of ['default', 'payments', 'monitoring', 'kube-system'])
      expect(namespaces).toContain(ns);
    const kinds = new Set(events().map((e) => e.event.process?.pod?.workload_kind));
    for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet']) expect(kinds).toContain(kind);
  });
});

describe('exits, attacks, kprobes and loss markers', () => {
  it('reports exit codes as status and crashes as signals, never both', () => {
    const statuses = new Set<number>();
    const signals = new Set<string>();
    for (const { event } of exits()) {
      if (event.status !== undefined) statuses.add(event.status);
      if (event.signal !== undefined) signals.add(event.signal);
      expect(event.status === undefined || event.signal === undefined).toBe(true);
      expect(event.status).not.toBe(0);
    }
    expect([...statuses].length).toBeGreaterThan(3);
    expect(signals).toContain('SIGKILL');
    expect(signals).toContain('SIGSEGV');
  });

  it('includes binaries run from /tmp after curl/wget and chmod +x', () => {
    const fromTmp = execs().filter((e) => (e.event.process?.binary ?? '').startsWith('/tmp/'));
    expect(fromTmp.length).toBeGreaterThan(1);
    const all = events();
    for (const run of fromTmp) {
      const binary = run.event.process?.binary ?? '';
      const index = all.indexOf(run);
      const before = all
        .slice(0, index)
        .filter((e) => e.event.parent?.exec_id === run.event.parent?.exec_id);
      expect(
        before.some(
          (e) =>
            e.event.process?.binary === '/usr/bin/chmod' &&
            e.event.process.arguments === `+x ${binary}`,
        ),
      ).toBe(true);
    }
  });

  it('attaches kprobes to processes that are alive, sometimes from another thread', () => {
    const alive = new Set<string>();
    const functions = new Set<string>();
    let otherThread = 0;
    const bad: string[] = [];
    for (const { key, event } of events()) {
      const id = event.process?.exec_id ?? '';
      if (key === 'process_exec') alive.add(id);
      if (key === 'process_exit') alive.delete(id);
      if (key !== 'process_kprobe') continue;
      functions.add(event.function_name ?? '');
      if (event.process?.tid !== event.process?.pid) otherThread++;
      // Fork-only processes are the one kind a kprobe may be the first sign of.
      if (!alive.has(id) && event.process?.flags !== 'execve') bad.push(`${event.process?.binary}`);
    }
    expect(bad).toEqual([]);
    expect(functions).toEqual(new Set(['security_file_permission', 'tcp_connect']));
    expect(otherThread).toBeGreaterThan(100);
  });

  it('reports rate limiting and throttling like the agent does', () => {
    const limits = events().filter((e) => e.key === 'rate_limit_info');
    expect(limits.length).toBeGreaterThan(3);
    for (const { event } of limits) expect(event.number_of_dropped_process_events).toMatch(/^\d+$/);
    const throttles = events().filter((e) => e.key === 'process_throttle');
    const starts = throttles.filter((e) => e.event.type === 'THROTTLE_START');
    expect(starts.length).toBeGreaterThan(2);
    expect(throttles.length - starts.length).toBeGreaterThanOrEqual(starts.length - 3);
  });
});
