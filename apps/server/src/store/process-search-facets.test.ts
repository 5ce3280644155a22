import { describe, expect, it } from 'vitest';
import type { Finding, Process } from '@exectree/domain';
import type { ProcessQuery, ProcessStore } from './process-store.ts';
import { hostProcess } from '../test-support/host-process.ts';
import { storeBackends } from '../test-support/store-backends.ts';

/** The flagged and alive-in-range facets of search: SQLite and PostgreSQL must agree. */
const backends = storeBackends();

function proc(execId: string, fields: Partial<Process> = {}): Process {
  return hostProcess(execId, { startTime: '2026-01-01T00:00:10Z', ...fields });
}

const exited = (startTime: string | null, exitTime: string | null): Partial<Process> => ({
  startTime,
  exitTime,
  state: 'exited',
  status: 0,
});

const finding: Finding = {
  rule: 'binary-in-tmp',
  reason: '/tmp/x: it runs from /tmp',
  relatedExecId: null,
};

/*
 * Time line (seconds after 2026-01-01T00:00:00Z), range [20, 30]:
 *   before   5 ──── 15             ended before the range
 *   across  15 ──────────── 35     alive through it
 *   inside       22 ─ 25
 *   after                    40 ─  started after it
 *   running 10 ─────────────────▶  still running
 *   untimed  ? ──── ?              neither start nor exit known: kept
 *   noStart  ? ──── 18             exit before the range
 *   noExit  12 ─ ?                 exited without a time: ends where it started
 *   execed  10 ─ 25 (replaced by `next`, which starts at 25)
 *   stale   10 ─ ?  (replaced by a process that is not stored: ends where it started)
 */
const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, '0')}Z`;
const PROCESSES = [
  proc('before', exited(at(5), at(15))),
  proc('across', { ...exited(at(15), at(35)), findings: [finding] }),
  proc('inside', exited(at(22), at(25))),
  proc('after', { ...exited(at(40), at(45)), findings: [finding] }),
  proc('running', { startTime: at(10) }),
  proc('untimed', exited(null, null)),
  proc('noStart', exited(null, at(18))),
  proc('noExit', exited(at(12), null)),
  proc('execed', { startTime: at(10), state: 'replaced', replacedBy: 'next' }),
  proc('next', { startTime: at(25) }),
  proc('stale', { startTime: at(10), state: 'replaced', replacedBy: 'gone' }),
];

describe.each(backends)('$name search facets', (backend) => {
  const find = async (processes: ProcessStore, query: Omit<ProcessQuery, 'limit'>) =>
    (await processes.search({ ...query, limit: 100 })).processes.map((p) => p.execId).sort();

  it('keeps only processes alive at some instant of the range', async () => {
    const { processes } = await backend.open();
    await processes.applyChanges({ upserts: PROCESSES, removes: [] });

    expect(await find(processes, { aliveFrom: at(20), aliveTo: at(30) })).toEqual(
      ['across', 'execed', 'inside', 'next', 'running', 'untimed'].sort(),
    );
    // Both bounds are inclusive.
    expect(await find(processes, { aliveFrom: at(35), aliveTo: at(40) })).toEqual(
      ['across', 'after', 'next', 'running', 'untimed'].sort(),
    );
    expect(await find(processes, { aliveTo: at(9) })).toEqual(
      ['before', 'noStart', 'untimed'].sort(),
    );
    expect(await find(processes, { aliveFrom: at(46) })).toEqual(
      ['next', 'running', 'untimed'].sort(),
    );
    // A range that is one instant.
    expect(await find(processes, { aliveFrom: at(12), aliveTo: at(12) })).toEqual(
      ['before', 'execed', 'noExit', 'noStart', 'running', 'untimed'].sort(),
    );
  });

  it('keeps only flagged, or only unflagged, processes', async () => {
    const { processes } = await backend.open();
    await processes.applyChanges({ upserts: PROCESSES, removes: [] });

    expect(await find(processes, { flagged: true })).toEqual(['across', 'after']);
    expect(await find(processes, { flagged: false })).toHaveLength(PROCESSES.length - 2);
    expect(await find(processes, { flagged: true, aliveFrom: at(20), aliveTo: at(30) })).toEqual([
      'across',
    ]);
    const page = await processes.search({ flagged: true, limit: 1 });
    expect(page).toMatchObject({ total: 2, truncated: true });
  });
});
