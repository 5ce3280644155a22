import { describe, expect, it } from 'vitest';
import type { Process } from '@exectree/domain';
import { at, makeProcess } from '../test/fixtures.ts';
import { initialLiveState, type LiveState } from '../stores/live-store.ts';
import { reduceItems, type IngestItem } from '../live/reduce.ts';
import { forestOf } from './forest-index.ts';
import { buildForest, type ProcessNode } from './hierarchy.ts';

const G = 'pod/default/xwing';
const filter = { group: G };

/** Structure, reasons and the exact process objects, for comparing two forests. */
function describeForest(roots: readonly ProcessNode[]): unknown[] {
  return roots.map((node) => ({
    id: node.process.execId,
    process: node.process,
    reason: node.rootReason,
    children: describeForest(node.children),
  }));
}

function nodesById(roots: readonly ProcessNode[]): Map<string, ProcessNode> {
  const out = new Map<string, ProcessNode>();
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop() as ProcessNode;
    out.set(node.process.execId, node);
    stack.push(...node.children);
  }
  return out;
}

function apply(state: LiveState, items: IngestItem[]): LiveState {
  const patch = reduceItems(state, items);
  return patch ? { ...state, ...patch } : state;
}

const snapshot = (processes: Process[]): IngestItem => ({
  type: 'tree:snapshot',
  payload: { seq: 1, filter, processes },
});
const delta = (upserts: Process[], removes: string[] = []): IngestItem => ({
  type: 'tree:delta',
  payload: { seq: 2, filter, upserts, removes },
});

/** A small deterministic pseudo-random generator, so failures reproduce. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

describe('forestOf', () => {
  const start: LiveState = {
    ...initialLiveState(),
    tree: { ...initialLiveState().tree, group: G },
  };
  const base = [
    makeProcess({ execId: 'init', startTime: at(0) }),
    makeProcess({ execId: 'w1', parentExecId: 'init', startTime: at(1) }),
    makeProcess({ execId: 'w2', parentExecId: 'init', startTime: at(2) }),
    makeProcess({ execId: 'orphan', parentExecId: 'gone', startTime: at(3) }),
  ];

  it('reuses the nodes of subtrees a delta did not touch', () => {
    const first = apply(start, [snapshot(base)]);
    const before = nodesById(forestOf(first.tree.processes));
    const next = apply(first, [
      delta([makeProcess({ execId: 'c1', parentExecId: 'w1', startTime: at(5) })]),
    ]);
    const after = nodesById(forestOf(next.tree.processes));
    expect(after.get('w2')).toBe(before.get('w2'));
    expect(after.get('orphan')).toBe(before.get('orphan'));
    expect(after.get('w1')).not.toBe(before.get('w1'));
    expect(after.get('w1')?.children.map((c) => c.process.execId)).toEqual(['c1']);
    expect(describeForest(forestOf(next.tree.processes))).toEqual(
      describeForest(buildForest(next.tree.processes.values())),
    );
  });

  it('re-parents orphans when their parent arrives', () => {
    const first = apply(start, [snapshot(base)]);
    forestOf(first.tree.processes);
    const next = apply(first, [
      delta([makeProcess({ execId: 'gone', parentExecId: 'w2', startTime: at(2.5) })]),
    ]);
    const roots = forestOf(next.tree.processes);
    expect(roots.map((r) => r.process.execId)).toEqual(['init']);
    expect(describeForest(roots)).toEqual(
      describeForest(buildForest(next.tree.processes.values())),
    );
  });

  it('matches a full build after every one of many random deltas', () => {
    const rand = random(42);
    let state = apply(start, [snapshot(base)]);
    let n = 0;
    for (let round = 0; round < 150; round++) {
      const ids = [...state.tree.processes.keys()];
      const pick = () => ids[Math.floor(rand() * ids.length)] as string;
      const upserts: Process[] = [];
      const removes: string[] = [];
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) {
        const roll = rand();
        if (roll < 0.5) {
          // New process under a known or an unknown (later arriving) parent.
          n += 1;
          const parent = rand() < 0.85 ? pick() : `late${Math.floor(rand() * 5)}`;
          upserts.push(
            makeProcess({ execId: `p${n}`, parentExecId: parent, startTime: at(rand() * 100) }),
          );
        } else if (roll < 0.65) {
          n += 1;
          upserts.push(makeProcess({ execId: `late${n % 5}`, startTime: at(rand() * 100) }));
        } else if (roll < 0.85) {
          const old = state.tree.processes.get(pick());
          if (old) upserts.push({ ...old, state: 'exited', exitTime: at(200) });
        } else if (roll < 0.95) {
          removes.push(pick());
        } else {
          const old = state.tree.processes.get(pick());
          if (old) upserts.push({ ...old, startTime: at(rand() * 100) });
        }
      }
      state = apply(state, [delta(upserts, removes)]);
      if (round % 25 === 24) {
        // A resync: the same processes as new objects, one of them changed, one gone.
        const again = [...state.tree.processes.values()].map((p) => structuredClone(p));
        again.pop();
        if (again[0]) again[0] = { ...again[0], state: 'exited', exitTime: at(300) };
        state = apply(state, [snapshot(again)]);
      }
      const map = state.tree.processes;
      expect(describeForest(forestOf(map))).toEqual(describeForest(buildForest(map.values())));
    }
  });
});
