import type { ParsedEvent } from '../tetragon/parsed-event.ts';
import type { Process, ProcessTreeRoot } from '../process.ts';
import type { GroupSummary, LossMarker } from './summary.ts';

/** What changed since the last drain; the live layer turns it into batched deltas. */
export interface TreeChanges {
  /** Current state of every process that changed. */
  upserts: Process[];
  /** Processes that left a group: matched synthetic nodes, or a process whose group changed. */
  removes: { execId: string; group: string }[];
  /** Current summary of every group that changed. */
  groups: GroupSummary[];
  /** Loss markers first seen since the last drain. */
  markers: LossMarker[];
}

/** Read side of the tree, shared by the HTTP API and the live hub. */
export interface TreeReader {
  process(execId: string): Process | undefined;
  /** Processes of a group in start-time order. */
  processes(group: string): Process[];
  tree(group: string): ProcessTreeRoot[];
  /** Nearest first, across group boundaries, stopping at the first repeat. */
  ancestors(execId: string): Process[];
  children(execId: string): Process[];
  groups(): GroupSummary[];
  group(key: string): GroupSummary | undefined;
  markers(): LossMarker[];
}

export interface TreeWriter {
  apply(event: ParsedEvent): void;
  drainChanges(): TreeChanges;
}
