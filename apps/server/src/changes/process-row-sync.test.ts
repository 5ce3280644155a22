import { describe, expect, it } from 'vitest';
import type { Process, TreeChanges } from '@exectree/domain';
import { createProcessRowSync, type RowSink } from './process-row-sync.ts';

type RowChanges = Pick<TreeChanges, 'upserts' | 'removes'>;

const proc = (execId: string, state: Process['state'] = 'running') =>
  ({ execId, group: 'host/n', state }) as Process;

function sink() {
  const applied: RowChanges[] = [];
  const reconciled: RowChanges[] = [];
  const rows: RowSink = {
    applyChanges: (changes) => void applied.push(changes),
    reconcile: (changes) => {
      reconciled.push(changes);
      return changes.upserts.length;
    },
  };
  return { rows, applied, reconciled };
}

describe('createProcessRowSync', () => {
  it('writes the drains of one turn once, latest view per process, after the turn', () => {
    const { rows, applied } = sink();
    const deferred: (() => void)[] = [];
    const sync = createProcessRowSync({ rows, mode: 'write', defer: (w) => deferred.push(w) });
    sync.onDrain({ upserts: [proc('a'), proc('b')], removes: [] });
    sync.onDrain({ upserts: [proc('a', 'exited')], removes: [{ execId: 'b', group: 'host/n' }] });
    expect(applied).toEqual([]);
    expect(deferred).toHaveLength(1);
    deferred[0]?.();
    expect(applied).toEqual([
      { upserts: [proc('a', 'exited')], removes: [{ execId: 'b', group: '' }] },
    ]);
  });

  it('waits out the gap since the last write before writing again', () => {
    const { rows, applied } = sink();
    let clock = 0;
    const deferred: { write: () => void; delayMs: number }[] = [];
    const sync = createProcessRowSync({
      rows,
      mode: 'write',
      minGapMs: 100,
      now: () => clock,
      defer: (write, delayMs) => deferred.push({ write, delayMs }),
    });
    sync.onDrain({ upserts: [proc('a')], removes: [] });
    expect(deferred.map((d) => d.delayMs)).toEqual([0]);
    deferred[0]?.write();
    clock = 30;
    sync.onDrain({ upserts: [proc('b')], removes: [] });
    sync.onDrain({ upserts: [proc('c')], removes: [] });
    expect(deferred.map((d) => d.delayMs)).toEqual([0, 70]);
    clock = 100;
    deferred[1]?.write();
    expect(applied).toEqual([
      { upserts: [proc('a')], removes: [] },
      { upserts: [proc('b'), proc('c')], removes: [] },
    ]);
  });

  it('writes what is pending at once when asked (retention, close)', () => {
    const { rows, applied } = sink();
    const sync = createProcessRowSync({ rows, mode: 'write', defer: () => {} });
    sync.onDrain({ upserts: [proc('a')], removes: [] });
    sync.writeNow();
    sync.writeNow();
    expect(applied).toEqual([{ upserts: [proc('a')], removes: [] }]);
  });

  it('drops drains of trusted rows and compares in compare mode', () => {
    const { rows, applied, reconciled } = sink();
    const sync = createProcessRowSync({ rows, mode: 'trusted', defer: (w) => w() });
    sync.onDrain({ upserts: [proc('a')], removes: [] });
    expect(applied).toEqual([]);
    sync.setMode('compare');
    sync.onDrain({ upserts: [proc('b'), proc('c')], removes: [] });
    expect(reconciled).toEqual([{ upserts: [proc('b'), proc('c')], removes: [] }]);
    expect(sync.repaired).toBe(2);
    expect(applied).toEqual([]);
  });
});
