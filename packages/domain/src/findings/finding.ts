/** A reason to look at a process, with the sentence that explains it to the user. */
export type FindingRule =
  'shell-from-server' | 'binary-in-tmp' | 'exec-session' | 'fetch-then-exec';

export interface Finding {
  rule: FindingRule;
  /** One sentence naming the evidence, e.g. which parent spawned the shell. */
  reason: string;
  /** The other process the evidence involves (the spawning parent, the fetching process). */
  relatedExecId: string | null;
}

export const FINDING_TITLES: Record<FindingRule, string> = {
  'shell-from-server': 'Shell spawned by a server process',
  'binary-in-tmp': 'Binary run from a temporary or deleted file',
  'exec-session': 'Interactive kubectl exec session',
  'fetch-then-exec': 'Downloaded file made executable or run',
};
