import type { Prng } from '../prng.ts';
import type { ExitSpec } from '../model/types.ts';
import type { Command, CommandFactory } from './profile.ts';

export const OK: ExitSpec = {};

export function status(code: number): ExitSpec {
  return code === 0 ? OK : { status: code };
}

/** Picks an exit code by weight, e.g. [[0, 95], [1, 5]]. */
export function exitCode(rng: Prng, weights: readonly (readonly [number, number])[]): ExitSpec {
  return status(rng.weighted(weights));
}

/** `/bin/sh -c "<line>"` that execs its single command in place, as dash and bash do. */
export function shExec(line: string, then: Command, cwd?: string): Command {
  return { binary: '/bin/sh', args: `-c "${line}"`, ...(cwd !== undefined ? { cwd } : {}), then };
}

/** Commands an operator types in any Debian-based container (`/usr/bin`). */
export const DEBIAN_SESSION: readonly CommandFactory[] = [
  () => ({ binary: '/usr/bin/ls', args: '-la', runMs: [1, 6] }),
  () => ({
    binary: '/usr/bin/cat',
    args: '/etc/passwd',
    kprobes: [{ kind: 'file', path: '/etc/passwd' }],
  }),
  () => ({ binary: '/usr/bin/cat', args: '/etc/os-release' }),
  () => ({ binary: '/usr/bin/env', runMs: [1, 3] }),
  () => ({ binary: '/usr/bin/id' }),
  () => ({ binary: '/usr/bin/hostname', args: '-i' }),
  () => ({ binary: '/usr/bin/df', args: '-h' }),
  (rng) => ({ binary: '/usr/bin/ps', args: 'aux', exit: rng.chance(0.2) ? status(1) : OK }),
  () => ({ binary: '/usr/bin/tail', args: '-n 100 /proc/1/fd/1', runMs: [2, 40] }),
];

/** The same for busybox/alpine images (`/bin`). */
export const BUSYBOX_SESSION: readonly CommandFactory[] = [
  () => ({ binary: '/bin/ls', args: '-la /', runMs: [1, 4] }),
  () => ({
    binary: '/bin/cat',
    args: '/etc/passwd',
    kprobes: [{ kind: 'file', path: '/etc/passwd' }],
  }),
  () => ({ binary: '/bin/ps' }),
  () => ({ binary: '/usr/bin/env' }),
  () => ({ binary: '/usr/bin/id' }),
  (rng) => ({
    binary: '/bin/wget',
    args: '-qO- http://localhost:9090/-/healthy',
    exit: rng.chance(0.1) ? status(1) : OK,
  }),
];
