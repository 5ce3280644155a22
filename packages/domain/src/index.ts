export * from './tetragon/parsed-event.ts';
export * from './tetragon/exec-id.ts';
export * from './tetragon/parse-line.ts';
export * from './process.ts';
export * from './tree/group.ts';
export * from './tree/summary.ts';
export * from './tree/tree-reader.ts';
export * from './tree/process-tree-builder.ts';
export * from './api/dto.ts';
export * from './live/protocol.ts';
export * from './util/time.ts';
export * from './util/hash.ts';
export * from './compact/index.ts';
export * from './tree/retention.ts';
export * from './findings/index.ts';
export {
  MERGED_FIELDS,
  RANK_EMBEDDED,
  RANK_EVENT,
  RANK_EXEC,
  type MergedField,
} from './tree/merged-process.ts';
export { PENDING_EXIT_PREFIX } from './tree/process-entry.ts';
export {
  DEFAULT_TREE_BUILDER_LIMITS,
  type TreeBuilderLimits,
  type TreeBuilderStats,
} from './tree/builder-limits.ts';
export { ContainerInstances, type ContainerRestarts } from './tree/container-instances.ts';
export { maxExit } from './tree/exit-merge.ts';
export { lossMarkerOf } from './tree/loss-markers.ts';
