/**
 * The forest as the graph draws it: exec probes hidden unless asked for, exec-without-fork
 * chains joined into lanes, repeated siblings folded, the user's open/closed choices
 * applied, and the path to the selected process forced open. The timeline lists exactly
 * these items, so its rows and the graph's nodes are the same things in the same order.
 */
import type { ProcessNode } from './hierarchy.ts';
import { groupSiblings, type Display } from './grouping.ts';
import { buildLanes } from './lanes.ts';
import { hideExecProbes } from './probes.ts';

export interface DisplayOptions {
  showProbes: boolean;
  expanded: ReadonlySet<string>;
  collapsed: ReadonlySet<string>;
  /** The path to this process is kept open (see ui-store's selectReveal). */
  reveal: string | null;
  /** The selected process, kept even when it is a hidden exec probe. */
  selected: string | null;
}

export function displayForest(forest: readonly ProcessNode[], options: DisplayOptions): Display {
  const roots = options.showProbes ? forest : hideExecProbes(forest, options.selected).roots;
  return groupSiblings(buildLanes(roots), {
    expanded: options.expanded,
    collapsed: options.collapsed,
    reveal: options.reveal,
  });
}
