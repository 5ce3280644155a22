/**
 * Schema step that adds process rows (one per exec id, the `Process` JSON plus the columns
 * search and retention filter on), an index for retention's scan of events that belong to
 * no process, and `store_meta` for one-off data fixes.
 */
export const PROCESS_ROWS_SCHEMA = `
CREATE TABLE IF NOT EXISTS processes (
  exec_id TEXT PRIMARY KEY,
  parent_exec_id TEXT,
  group_key TEXT NOT NULL,
  namespace TEXT,
  pod TEXT,
  node TEXT NOT NULL,
  pid INTEGER,
  binary TEXT NOT NULL,
  binary_name TEXT NOT NULL,
  arguments TEXT NOT NULL,
  cwd TEXT NOT NULL,
  state TEXT NOT NULL,
  start_key TEXT NOT NULL,
  exit_key TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS processes_start ON processes (start_key, exec_id);
CREATE INDEX IF NOT EXISTS processes_namespace_pod ON processes (namespace, pod);
CREATE INDEX IF NOT EXISTS processes_pod ON processes (pod);
CREATE INDEX IF NOT EXISTS processes_binary ON processes (binary);
CREATE INDEX IF NOT EXISTS processes_binary_name ON processes (binary_name);
CREATE INDEX IF NOT EXISTS processes_group ON processes (group_key);
CREATE INDEX IF NOT EXISTS events_unattached ON events (time_key) WHERE exec_id IS NULL;
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO store_meta (key, value) VALUES ('exit_only_ids', 'pending');
`;

/**
 * Indexes no query reads any more: every process row write paid for them. Run on every open
 * (a no-op once dropped), since schema steps that shipped are never edited.
 */
export const UNUSED_PROCESS_INDEXES = `
DROP INDEX IF EXISTS processes_group;
`;
