/** Whether `--db` names a PostgreSQL database rather than a SQLite file; free of zod for `import`. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}
