/** Tetragon event type names, as GetEventsRequest filters take them. */
export type EventTypeName =
  | 'PROCESS_EXEC'
  | 'PROCESS_EXIT'
  | 'PROCESS_KPROBE'
  | 'PROCESS_TRACEPOINT'
  | 'PROCESS_LOADER'
  | 'PROCESS_UPROBE'
  | 'PROCESS_THROTTLE'
  | 'PROCESS_LSM'
  | 'PROCESS_USDT'
  | 'RATE_LIMIT_INFO';

/** One tetragon.Filter: its fields are ANDed (see events.proto for the rest). */
export interface EventFilter {
  binary_regex?: string[];
  namespace?: string[];
  pid?: number[];
  event_set?: EventTypeName[];
  pod_regex?: string[];
  arguments_regex?: string[];
  labels?: string[];
  policy_names?: string[];
  container_name_regex?: string[];
  namespace_regex?: string[];
}

/** tetragon.GetEventsRequest: the agent sends what matches any allow filter and no deny filter. */
export interface GetEventsRequest {
  allow_list?: EventFilter[];
  deny_list?: EventFilter[];
}
