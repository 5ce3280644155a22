/**
 * The images one pid ran without forking (`sh -c 'exec nginx'`), oldest first, as far as
 * the known processes tell: earlier images name their successor in `replacedBy`, and the
 * successor names its predecessor as parent.
 */
import type { Process } from '@exectree/domain';

export function execChain(
  process: Process,
  lookup: (execId: string) => Process | undefined,
): Process[] {
  const chain = [process];
  const seen = new Set([process.execId]);
  for (let at = process; ;) {
    const parent = at.parentExecId === null ? undefined : lookup(at.parentExecId);
    if (!parent || parent.replacedBy !== at.execId || seen.has(parent.execId)) break;
    chain.unshift(parent);
    seen.add(parent.execId);
    at = parent;
  }
  for (let at = process; at.replacedBy !== null;) {
    const next = lookup(at.replacedBy);
    if (!next || seen.has(next.execId)) break;
    chain.push(next);
    seen.add(next.execId);
    at = next;
  }
  return chain;
}
