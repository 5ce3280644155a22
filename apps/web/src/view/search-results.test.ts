import { describe, expect, it } from 'vitest';
import { at, makeProcess } from '../test/fixtures.ts';
import { groupResults } from './search-results.ts';

const WEB = 'pod/default/web';
const API = 'pod/payments/api';

describe('groupResults', () => {
  it('groups matches by pod, each under its ancestors, busiest pod first', () => {
    const init = makeProcess({ execId: 'init', group: 'host/node-1', binary: '/sbin/init' });
    const shim = makeProcess({
      execId: 'shim',
      parentExecId: 'init',
      group: 'host/node-1',
      binary: '/usr/bin/shim',
    });
    const bash = makeProcess({
      execId: 'bash',
      parentExecId: 'shim',
      group: WEB,
      startTime: at(1),
    });
    const curl1 = makeProcess({ execId: 'c1', parentExecId: 'bash', group: WEB, startTime: at(2) });
    const curl2 = makeProcess({ execId: 'c2', parentExecId: 'bash', group: WEB, startTime: at(3) });
    const other = makeProcess({ execId: 'c3', group: API, startTime: at(4) });
    const pods = groupResults([curl1, curl2, other], [init, shim, bash]);
    expect(pods.map((p) => [p.group, p.title, p.kind, p.matches])).toEqual([
      [WEB, 'default / web', 'pod', 2],
      [API, 'payments / api', 'pod', 1],
    ]);
    expect(
      pods[0]?.rows.map((r) =>
        r.kind === 'via' ? ['via', r.chain.join(' › ')] : [r.process.execId, r.depth, r.kind],
      ),
    ).toEqual([
      ['via', 'init › shim'],
      ['bash', 0, 'ancestor'],
      ['c1', 1, 'match'],
      ['c2', 1, 'match'],
    ]);
    // A host ancestor shared by two pods still has a unique row key in each.
    const keys = pods.flatMap((p) => p.rows.map((r) => r.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('survives parent loops in the ancestors', () => {
    const a = makeProcess({ execId: 'a', parentExecId: 'b', group: WEB });
    const b = makeProcess({ execId: 'b', parentExecId: 'a', group: WEB });
    const pods = groupResults([a], [b]);
    expect(pods[0]?.rows.map((r) => (r.kind === 'via' ? 'via' : r.process.execId)).sort()).toEqual([
      'a',
      'b',
    ]);
  });
});
