/** Bounds on the builder's bookkeeping, so that no input can grow it without limit. */
export interface TreeBuilderLimits {
  /**
   * Forgotten exec ids remembered so that their late events are dropped instead of bringing
   * the process back (0: none).
   */
  tombstones: number;
  /** Probe event ids remembered per process so that a repeated line is counted once. */
  attachedIdsPerProcess: number;
  /** Exits without exec_id that may wait for their process at once. */
  waitingExits: number;
}

export const DEFAULT_TREE_BUILDER_LIMITS: TreeBuilderLimits = {
  tombstones: 65_536,
  attachedIdsPerProcess: 256,
  waitingExits: 10_000,
};

/** What the limits dropped since the builder was made; for metrics. */
export interface TreeBuilderStats {
  /** Events about a recently forgotten process, dropped instead of recreating it. */
  lateEventsDropped: number;
  /** Probe event ids a process's window let go: a repeat of one of them would count again. */
  attachedIdsEvicted: number;
  /** Exits without exec_id dropped, oldest first, because too many waited for their process. */
  waitingExitsEvicted: number;
  /** Forgotten exec ids currently remembered. */
  tombstones: number;
  /** Exits without exec_id currently waiting for their process. */
  waitingExits: number;
}
