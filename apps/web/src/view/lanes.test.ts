import { describe, expect, it } from 'vitest';
import { at, makeProcess } from '../test/fixtures.ts';
import { buildForest } from './hierarchy.ts';
import { buildLanes, lastImage } from './lanes.ts';

describe('buildLanes', () => {
  it('joins the images of one pid (exec without fork) and hangs every child below the lane', () => {
    const lanes = buildLanes(
      buildForest([
        makeProcess({ execId: 'shim', pid: 10, startTime: at(0) }),
        makeProcess({
          execId: 'sh',
          parentExecId: 'shim',
          pid: 20,
          binary: '/bin/sh',
          state: 'replaced',
          replacedBy: 'nginx',
          startTime: at(1),
        }),
        makeProcess({ execId: 'find', parentExecId: 'sh', pid: 21, startTime: at(2) }),
        makeProcess({
          execId: 'nginx',
          parentExecId: 'sh',
          pid: 20,
          binary: '/usr/sbin/nginx',
          startTime: at(3),
        }),
        makeProcess({ execId: 'worker', parentExecId: 'nginx', pid: 22, startTime: at(4) }),
      ]),
    );
    const [shim] = lanes;
    expect(shim?.images.map((p) => p.execId)).toEqual(['shim']);
    const [lane] = shim?.children ?? [];
    expect(lane?.id).toBe('sh');
    expect(lane?.images.map((p) => p.execId)).toEqual(['sh', 'nginx']);
    expect(lane && lastImage(lane).execId).toBe('nginx');
    expect(lane?.children.map((c) => c.id)).toEqual(['find', 'worker']);
  });

  it('follows a chain of several images', () => {
    const lanes = buildLanes(
      buildForest(
        ['a', 'b', 'c'].map((id, i, all) =>
          makeProcess({
            execId: id,
            parentExecId: i === 0 ? null : (all[i - 1] ?? null),
            pid: 5,
            state: i < 2 ? 'replaced' : 'running',
            replacedBy: all[i + 1] ?? null,
            startTime: at(i),
          }),
        ),
      ),
    );
    expect(lanes).toHaveLength(1);
    expect(lanes[0]?.images.map((p) => p.execId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a replaced image alone when its successor is not a child with the same pid', () => {
    const lanes = buildLanes(
      buildForest([
        makeProcess({ execId: 'a', pid: 5, state: 'replaced', replacedBy: 'elsewhere' }),
        makeProcess({ execId: 'b', parentExecId: 'a', pid: 6, startTime: at(1) }),
      ]),
    );
    expect(lanes[0]?.images.map((p) => p.execId)).toEqual(['a']);
    expect(lanes[0]?.children.map((c) => c.id)).toEqual(['b']);
  });

  it('does not loop on inconsistent replacement ids', () => {
    const lanes = buildLanes(
      buildForest([
        makeProcess({ execId: 'a', pid: 5, state: 'replaced', replacedBy: 'b' }),
        makeProcess({
          execId: 'b',
          parentExecId: 'a',
          pid: 5,
          state: 'replaced',
          replacedBy: 'a',
          startTime: at(1),
        }),
      ]),
    );
    expect(lanes[0]?.images.map((p) => p.execId)).toEqual(['a', 'b']);
  });
});
