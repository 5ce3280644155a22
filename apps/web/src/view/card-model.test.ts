import { describe, expect, it } from 'vitest';
import type { Finding } from '@exectree/domain';
import { at, displayed, makeProcess } from '../test/fixtures.ts';
import { buildForest } from './hierarchy.ts';
import { cardModel, NAME_Y, TEXT_X } from './card-model.ts';
import { hitCard } from './card-hit.ts';
import { fitNames } from './card-names.ts';
import type { DisplayNode } from './grouping.ts';

const W = 248;
const H = 56;
const tmp: Finding = { rule: 'binary-in-tmp', reason: '/tmp/.x: in /tmp', relatedExecId: null };

function chain() {
  return displayed(
    buildForest([
      makeProcess({
        execId: 'sh',
        pid: 7,
        binary: '/bin/sh',
        arguments: "-c 'exec nginx'",
        state: 'replaced',
        replacedBy: 'nginx',
      }),
      makeProcess({
        execId: 'nginx',
        parentExecId: 'sh',
        pid: 7,
        binary: '/usr/sbin/nginx',
        arguments: '-g daemon off;',
        startTime: at(1),
        preExisting: true,
      }),
      makeProcess({
        execId: 'worker',
        parentExecId: 'nginx',
        pid: 8,
        binary: '/tmp/.x',
        startTime: at(2),
        findings: [tmp],
      }),
    ]),
  );
}

const find = (roots: DisplayNode[], id: string) => roots.find((r) => r.id === id) as DisplayNode;

describe('cardModel', () => {
  it('draws an exec-without-fork lane as one card with a segment per image', () => {
    const lane = find(chain().roots, 'sh');
    const model = cardModel(lane, W, H);
    expect(model.names.map((n) => [n.text, n.execId, n.past])).toEqual([
      ['sh', 'sh', true],
      ['nginx', 'nginx', false],
    ]);
    expect(model.names[0]?.x).toBe(TEXT_X);
    expect(model.bar.map((b) => b.tone)).toEqual(['muted', 'running']);
    expect(model.badge.label).toBe('running');
    expect(model.detail).toBe('-g daemon off;');
    expect(model.chips.map((c) => c.label)).toEqual(['procFS']);
    expect(model.label).toContain("/bin/sh -c 'exec nginx' → then exec → /usr/sbin/nginx");
    expect(model.toggle).toMatchObject({ open: true, label: '−' });
    expect(model.marker).toBeNull();
  });

  it('hit-tests name segments, the toggle and the rest of the card', () => {
    const model = cardModel(find(chain().roots, 'sh'), W, H);
    const [sh, nginx] = model.names;
    expect(hitCard(model, (sh?.x ?? 0) + 2, NAME_Y - 4, W, H)).toEqual({
      part: 'card',
      execId: 'sh',
    });
    expect(hitCard(model, (nginx?.x ?? 0) + 2, NAME_Y - 4, W, H)).toEqual({
      part: 'card',
      execId: 'nginx',
    });
    expect(hitCard(model, 30, 45, W, H)).toEqual({ part: 'card', execId: 'nginx' });
    expect(hitCard(model, W + 4, H / 2, W, H)).toEqual({ part: 'toggle' });
    expect(hitCard(model, W + 40, H / 2, W, H)).toEqual({ part: 'none' });
  });

  it('marks own findings, and flagged processes hidden below a collapsed card', () => {
    const open = chain();
    const worker = find(open.roots, 'sh').children[0] as DisplayNode;
    const own = cardModel(worker, W, H);
    expect(own.marker).toEqual({
      solid: true,
      label: 'Finding: Binary run from a temporary or deleted file',
    });
    const folded = cardModel(
      find(
        displayed(
          buildForest([
            makeProcess({ execId: 'p' }),
            makeProcess({ execId: 'c', parentExecId: 'p', findings: [tmp], startTime: at(1) }),
            makeProcess({ execId: 'd', parentExecId: 'p', startTime: at(2) }),
          ]),
          { collapsed: new Set(['p']) },
        ).roots,
        'p',
      ),
      W,
      H,
    );
    expect(folded.toggle).toMatchObject({ open: false, label: '+2', flagged: 1 });
    expect(folded.marker).toEqual({ solid: false, label: '1 flagged process inside' });
    expect(folded.label).toContain('collapsed, 2 processes below');
  });

  it('summarises a group of repeats', () => {
    const group = displayed(
      buildForest([
        makeProcess({ execId: 'p' }),
        ...Array.from({ length: 5 }, (_, i) =>
          makeProcess({
            execId: `c${i}`,
            parentExecId: 'p',
            binary: '/bin/true',
            state: 'exited',
            status: i === 0 ? 2 : 0,
            startTime: at(i + 1),
          }),
        ),
      ]),
    ).roots[0]?.children[0] as DisplayNode;
    const model = cardModel(group, W, H);
    expect(model.kind).toBe('group');
    expect(model.badge).toMatchObject({ label: '×5', count: true });
    expect(model.detail).toBe('4 exit 0 · 1 failed');
    expect(model.tone).toBe('warn');
    expect(model.toggle).toMatchObject({ open: false, label: '+' });
  });
});

describe('fitNames', () => {
  it('keeps the last name whole and shortens earlier ones', () => {
    expect(fitNames(['sh', 'nginx'], 40)).toEqual(['sh', 'nginx']);
    expect(fitNames(['docker-entrypoint.sh', 'nginx'], 17)).toEqual(['docker-e…', 'nginx']);
    expect(fitNames(['a', 'b', 'c', 'd', 'e'], 9)).toEqual(['a', '…', 'e']);
    const fitted = fitNames(['aaaaaaaaaa', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'], 20);
    expect(fitted.join(' › ').length).toBeLessThanOrEqual(20);
  });
});
