/**
 * The PostgreSQL schema, one step per version (PG_MIGRATIONS[v] upgrades v to v + 1; append,
 * never edit). Text that is compared by the merges uses the "C" collation, so PostgreSQL
 * orders strings by code point as the tree builder does (apart from characters above
 * U+FFFF, which JavaScript orders by UTF-16 unit).
 */

/** Events, one partition per UTC day (created on demand, dropped by retention). */
const EVENTS = `
CREATE SEQUENCE IF NOT EXISTS events_seq;
CREATE TABLE IF NOT EXISTS events (
  id text COLLATE "C" NOT NULL,
  day date NOT NULL,
  seq bigint NOT NULL DEFAULT nextval('events_seq'),
  type text NOT NULL,
  node text NOT NULL,
  time_key text COLLATE "C" NOT NULL,
  exec_id text COLLATE "C",
  raw text NOT NULL,
  PRIMARY KEY (id, day)
) PARTITION BY RANGE (day);
CREATE INDEX IF NOT EXISTS events_exec_id ON events (exec_id, time_key, seq)
  WHERE exec_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_unattached ON events (time_key) WHERE exec_id IS NULL;
CREATE INDEX IF NOT EXISTS events_seq_order ON events (seq);
CREATE TABLE IF NOT EXISTS kept_events (
  id text COLLATE "C" PRIMARY KEY,
  seq bigint NOT NULL,
  type text NOT NULL,
  node text NOT NULL,
  time_key text COLLATE "C" NOT NULL,
  exec_id text COLLATE "C",
  raw text NOT NULL
);
CREATE INDEX IF NOT EXISTS kept_events_exec_id ON kept_events (exec_id, time_key, seq);
CREATE TABLE IF NOT EXISTS file_cursors (
  path text PRIMARY KEY,
  file_id text NOT NULL,
  fingerprint text NOT NULL,
  byte_offset bigint NOT NULL,
  line_no bigint NOT NULL
);
`;

/**
 * The merged tree (ADR 0001 as upserts): per field a value and the rank of the snapshot
 * that supplied it (0 = none). change_xid is the transaction that last changed a row, so
 * replicas can read what changed since their last look (see pg-mirror.ts).
 */
const MERGED = `
CREATE TABLE IF NOT EXISTS merged_processes (
  exec_id text COLLATE "C" PRIMARY KEY,
  best_rank smallint NOT NULL,
  pending_key text COLLATE "C",
  parent_exec_id text COLLATE "C", parent_exec_id_r smallint NOT NULL DEFAULT 0,
  pid bigint, pid_r smallint NOT NULL DEFAULT 0,
  uid bigint, uid_r smallint NOT NULL DEFAULT 0,
  auid bigint, auid_r smallint NOT NULL DEFAULT 0,
  cwd text COLLATE "C", cwd_r smallint NOT NULL DEFAULT 0,
  bin text COLLATE "C", bin_r smallint NOT NULL DEFAULT 0,
  arguments text COLLATE "C", arguments_r smallint NOT NULL DEFAULT 0,
  flags text COLLATE "C", flags_r smallint NOT NULL DEFAULT 0,
  start_time text COLLATE "C", start_key text COLLATE "C", start_time_r smallint NOT NULL DEFAULT 0,
  pod text COLLATE "C", pod_r smallint NOT NULL DEFAULT 0,
  docker text COLLATE "C", docker_r smallint NOT NULL DEFAULT 0,
  in_init_tree boolean, in_init_tree_r smallint NOT NULL DEFAULT 0,
  node text COLLATE "C", node_r smallint NOT NULL DEFAULT 0,
  exit_time text, exit_key text COLLATE "C", exit_status integer, exit_signal text COLLATE "C",
  event_count bigint NOT NULL DEFAULT 0,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX IF NOT EXISTS merged_processes_change ON merged_processes (change_xid);
CREATE TABLE IF NOT EXISTS pending_exits (
  key text COLLATE "C" PRIMARY KEY,
  exit_time text, exit_key text COLLATE "C" NOT NULL, exit_status integer NOT NULL,
  exit_signal text COLLATE "C",
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX IF NOT EXISTS pending_exits_change ON pending_exits (change_xid);
CREATE TABLE IF NOT EXISTS container_pods (
  docker text COLLATE "C" PRIMARY KEY,
  pod text COLLATE "C" NOT NULL,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX IF NOT EXISTS container_pods_change ON container_pods (change_xid);
CREATE TABLE IF NOT EXISTS loss_markers (
  id text COLLATE "C" PRIMARY KEY,
  node text NOT NULL,
  time text,
  time_key text COLLATE "C" NOT NULL,
  kind text NOT NULL,
  dropped bigint,
  throttle_type text,
  cgroup text,
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX IF NOT EXISTS loss_markers_change ON loss_markers (change_xid);
CREATE TABLE IF NOT EXISTS forgotten (
  id bigserial PRIMARY KEY,
  origin text NOT NULL,
  exec_ids text[] NOT NULL,
  marker_ids text[] NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  change_xid xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX IF NOT EXISTS forgotten_change ON forgotten (change_xid);
`;

/** Process rows as the tree shows them (written by the leader replica): search, retention. */
const PROCESS_ROWS = `
CREATE TABLE IF NOT EXISTS processes (
  exec_id text COLLATE "C" PRIMARY KEY,
  parent_exec_id text COLLATE "C",
  group_key text COLLATE "C" NOT NULL,
  namespace text COLLATE "C",
  pod text COLLATE "C",
  node text COLLATE "C" NOT NULL,
  pid bigint,
  bin text COLLATE "C" NOT NULL,
  bin_name text COLLATE "C" NOT NULL,
  arguments text COLLATE "C" NOT NULL,
  cwd text COLLATE "C" NOT NULL,
  state text NOT NULL,
  start_key text COLLATE "C" NOT NULL,
  exit_key text COLLATE "C" NOT NULL,
  json text NOT NULL
);
CREATE INDEX IF NOT EXISTS processes_start ON processes (start_key, exec_id);
CREATE INDEX IF NOT EXISTS processes_namespace_pod ON processes (namespace, pod);
CREATE INDEX IF NOT EXISTS processes_pod ON processes (pod);
CREATE INDEX IF NOT EXISTS processes_bin ON processes (bin);
CREATE INDEX IF NOT EXISTS processes_bin_name ON processes (bin_name);
CREATE INDEX IF NOT EXISTS processes_group ON processes (group_key);
`;

/** What @socket.io/postgres-adapter stores for messages too large for NOTIFY. */
const SOCKET_IO = `
CREATE TABLE IF NOT EXISTS socket_io_attachments (
  id bigserial UNIQUE,
  created_at timestamptz DEFAULT now(),
  payload bytea
);
`;

export const PG_MIGRATIONS: readonly string[] = [EVENTS, MERGED, PROCESS_ROWS, SOCKET_IO];
