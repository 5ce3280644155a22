import type { Engine } from '../engine/engine.ts';
import type { SimContainer } from '../model/types.ts';
import type { Ns } from '../time/ns.ts';

/** Runs `action` at `first` and then again after each `nextDelay()`, while `owner` lives. */
export function repeat(
  engine: Engine,
  owner: SimContainer | undefined,
  first: Ns,
  nextDelay: () => Ns,
  action: () => void,
): void {
  const tick = (): void => {
    action();
    engine.at(engine.now + nextDelay(), tick, owner);
  };
  engine.at(first, tick, owner);
}
