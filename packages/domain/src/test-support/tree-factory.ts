/** Builds trees from test lines (see event-factory.ts), so each test file need not. */
import type { TreeBuilderLimits } from '../tree/builder-limits.ts';
import { ProcessTreeBuilder } from '../tree/process-tree-builder.ts';
import { parseAll } from './event-factory.ts';

/** Parses each line and applies it to `builder`, in order. */
export function feedTree(builder: ProcessTreeBuilder, lines: string[]): void {
  for (const event of parseAll(lines)) builder.apply(event);
}

/** A new builder (with `limits`) fed `lines`. */
export function buildTree(
  lines: string[],
  limits: Partial<TreeBuilderLimits> = {},
): ProcessTreeBuilder {
  const builder = new ProcessTreeBuilder(limits);
  feedTree(builder, lines);
  return builder;
}
