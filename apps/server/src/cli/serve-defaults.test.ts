import { describe, expect, it } from 'vitest';
import { MAX_LISTED_INGEST_ERRORS } from '@exectree/domain';
import { LISTED_REJECTIONS } from './import-file.ts';

/** Copies kept out of heavier modules for start-up time must not drift from the originals. */
describe('constants copied for a fast start-up', () => {
  it('list as many rejected lines as the API', () => {
    expect(LISTED_REJECTIONS).toBe(MAX_LISTED_INGEST_ERRORS);
  });
});
