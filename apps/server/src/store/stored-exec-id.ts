import type { ParsedEvent } from '@exectree/domain';
import { exitOnlyId } from '../ingest/domain-parsing.ts';

/**
 * The process an event is stored under: its `process.exec_id`, or for an exit that carries
 * only pid and start time, the id of the stand-in it becomes, so retention can find it.
 */
export function storedExecId(event: ParsedEvent): string | null {
  const process = event.process;
  if (!process) return null;
  if (process.execId) return process.execId;
  if (!event.exit) return process.execId ?? null;
  return exitOnlyId(event.node, process.pid ?? null, process.startTime ?? null) ?? null;
}
