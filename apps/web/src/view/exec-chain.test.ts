import { describe, expect, it } from 'vitest';
import { makeProcess } from '../test/fixtures.ts';
import { execChain } from './exec-chain.ts';

const sh = makeProcess({ execId: 'sh', state: 'replaced', replacedBy: 'env', pid: 9 });
const env = makeProcess({
  execId: 'env',
  parentExecId: 'sh',
  state: 'replaced',
  replacedBy: 'nginx',
  pid: 9,
});
const nginx = makeProcess({ execId: 'nginx', parentExecId: 'env', pid: 9 });
const all = new Map([sh, env, nginx].map((p) => [p.execId, p]));

describe('execChain', () => {
  it('walks back through predecessors and forward through successors', () => {
    expect(execChain(env, (id) => all.get(id)).map((p) => p.execId)).toEqual([
      'sh',
      'env',
      'nginx',
    ]);
  });

  it('is just the process when it never exec’d', () => {
    const lone = makeProcess({ execId: 'x', parentExecId: 'sh' });
    expect(execChain(lone, (id) => all.get(id))).toEqual([lone]);
  });

  it('stops on loops', () => {
    const a = makeProcess({ execId: 'a', parentExecId: 'b', replacedBy: 'b' });
    const b = makeProcess({ execId: 'b', parentExecId: 'a', replacedBy: 'a' });
    const loop = new Map([a, b].map((p) => [p.execId, p]));
    expect(execChain(a, (id) => loop.get(id)).map((p) => p.execId)).toEqual(['b', 'a']);
  });
});
