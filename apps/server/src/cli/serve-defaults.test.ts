import { describe, expect, it } from 'vitest';
import { MAX_LISTED_INGEST_ERRORS } from '@exectree/domain';
import { isPostgresUrl } from '../store/postgres/pg-url.ts';
import { LISTED_REJECTIONS } from './import-file.ts';
import { looksLikePostgresUrl } from './import-args.ts';
import * as light from './serve-defaults.ts';
import * as serveConfig from './serve-config.ts';

/** Copies kept out of heavier modules for start-up time must not drift from the originals. */
describe('constants copied for a fast start-up', () => {
  it('match serve-config', () => {
    expect(light.DEFAULT_HOST).toBe(serveConfig.DEFAULT_HOST);
    expect(light.DEFAULT_PORT).toBe(serveConfig.DEFAULT_PORT);
    expect(light.DEFAULT_DB).toBe(serveConfig.DEFAULT_DB);
  });

  it('list as many rejected lines as the API', () => {
    expect(LISTED_REJECTIONS).toBe(MAX_LISTED_INGEST_ERRORS);
  });

  it('tell PostgreSQL URLs apart as serve does', () => {
    for (const db of [
      'postgres://u:p@h/d',
      'POSTGRESQL://h/d',
      './data/x.db',
      ':memory:',
      'pg://h',
    ]) {
      expect(looksLikePostgresUrl(db)).toBe(isPostgresUrl(db));
    }
  });
});
