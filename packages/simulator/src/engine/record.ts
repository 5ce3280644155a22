import type { Ns } from '../time/ns.ts';

export type RecordKind = 'exec' | 'exit' | 'kprobe' | 'loss';

/** One export line plus what the chaos layer needs to know about it. */
export interface EmittedRecord {
  readonly line: string;
  readonly time: Ns;
  readonly kind: RecordKind;
  /** For exits: the same exit as Tetragon emits it when the exec was never seen. */
  readonly reduce?: () => string;
}
