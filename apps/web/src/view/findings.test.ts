import { describe, expect, it } from 'vitest';
import type { Finding } from '@exectree/domain';
import { makeProcess } from '../test/fixtures.ts';
import { findingsSummary, isFlagged, noteworthyFindings } from './findings.ts';

const session: Finding = { rule: 'exec-session', reason: 'r', relatedExecId: null };
const tmp: Finding = { rule: 'binary-in-tmp', reason: 'r', relatedExecId: null };

describe('findings', () => {
  it('treats an exec probe outside the init tree as expected', () => {
    const container = {
      id: 'c',
      name: 'c',
      image: 'i',
      imageId: '',
      pid: 2,
      startTime: null,
      maybeExecProbe: true,
    };
    const pod = {
      namespace: 'n',
      name: 'p',
      container,
      workload: null,
      workloadKind: null,
      labels: {},
    };
    const probe = makeProcess({ execId: 'p', pod, findings: [session] });
    expect(isFlagged(probe)).toBe(false);
    expect(noteworthyFindings({ ...probe, findings: [session, tmp] })).toEqual([tmp]);
    const shell = makeProcess({ execId: 's', findings: [session] });
    expect(isFlagged(shell)).toBe(true);
  });

  it('summarises one or several findings', () => {
    expect(findingsSummary([tmp])).toBe('Binary run from a temporary or deleted file');
    expect(findingsSummary([tmp, session])).toBe(
      '2 findings: Binary run from a temporary or deleted file; Interactive kubectl exec session',
    );
    expect(findingsSummary([])).toBe('');
  });
});
