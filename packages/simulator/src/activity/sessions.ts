import type { Command } from '../cluster/profile.ts';
import type { SimContainer } from '../model/types.ts';
import type { Ns } from '../time/ns.ts';
import { runCommand } from './run-command.ts';
import { createRunc } from './runc.ts';
import type { World } from './world.ts';

/**
 * `kubectl exec -it <pod> -- <shell>`: runc (a host process) starts the shell inside the
 * container, outside the init's tree (`in_init_tree: false`). Returns when the shell exits.
 */
export function runSession(
  world: World,
  container: SimContainer,
  t: Ns,
  commands: readonly Command[],
): Ns {
  const { engine, rng } = world;
  const runc = createRunc(world, container, t, true);
  const shell: Command = {
    binary: container.pod.profile.shell,
    cwd: '/',
    uid: 0,
    children: commands,
    pauseMs: [1_500, 20_000],
    runMs: [800, 6_000],
    // 130: the operator left with Ctrl-C / Ctrl-D after an interrupted command.
    exit: rng.chance(0.1) ? { status: 130 } : {},
  };
  const lineage = { container, inInitTree: false, maybeExecProbe: false };
  return runCommand(engine, runc, shell, t, lineage);
}
