import { describe, expect, it } from 'vitest';
import { parseServeArgs, type ServeConfig } from './serve-config.ts';

function config(argv: string[], env: NodeJS.ProcessEnv = {}): ServeConfig {
  const args = parseServeArgs(argv, env);
  if (args.help) throw new Error('unexpected help');
  return args.config;
}

describe('serve with PostgreSQL', () => {
  it('takes a postgres:// URL for --db or EXECTREE_DB', () => {
    const url = 'postgres://exectree:secret@db.example:5432/exectree';
    expect(config(['--db', url, '--no-demo']).db).toBe(url);
    expect(config(['--no-demo'], { EXECTREE_DB: url }).db).toBe(url);
    expect(config(['--db', 'postgresql://u@127.0.0.1/x']).role).toBe('all');
  });

  it('refuses a URL without a host', () => {
    expect(() => config(['--db', 'postgres:///exectree'])).toThrow(/needs a host|expected/);
  });

  it('runs ingest-only replicas only on PostgreSQL', () => {
    const url = 'postgres://u:p@127.0.0.1:5432/x';
    expect(config(['--db', url, '--role', 'ingest']).role).toBe('ingest');
    expect(config(['--db', url], { EXECTREE_ROLE: 'ingest' }).role).toBe('ingest');
    expect(() => config(['--role', 'ingest'])).toThrow(/needs --db postgres/);
    expect(() => config(['--db', url, '--role', 'reader'])).toThrow(/expected all or ingest/);
  });
});
