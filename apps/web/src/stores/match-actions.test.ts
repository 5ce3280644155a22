import { beforeEach, describe, expect, it } from 'vitest';
import { at, makeProcess } from '../test/fixtures.ts';
import { initialLiveState, useLiveStore } from './live-store.ts';
import { useUiStore } from './ui-store.ts';
import { initialExplorerState, setQuery, useExplorerStore } from './explorer-store.ts';
import { stepToMatch } from './match-actions.ts';
import { displayForest } from '../view/explorer-display.ts';
import { explorerViewNow } from './use-explorer-view.ts';

const G = 'pod/default/db';

// db ─ sh › pg_isready ×5 (a folded group of probes), then curl
const processes = [
  makeProcess({ execId: 'db', startTime: at(0), binary: '/usr/bin/postgres' }),
  ...Array.from({ length: 5 }, (_, i) => [
    makeProcess({ execId: `sh${i}`, parentExecId: 'db', startTime: at(i + 1), binary: '/bin/sh' }),
    makeProcess({
      execId: `ready${i}`,
      parentExecId: `sh${i}`,
      startTime: at(i + 1.5),
      binary: '/usr/bin/pg_isready',
    }),
  ]).flat(),
  makeProcess({ execId: 'curl', parentExecId: 'db', startTime: at(9), binary: '/usr/bin/curl' }),
];

describe('stepToMatch', () => {
  beforeEach(() => {
    const live = initialLiveState();
    useLiveStore.setState({
      ...live,
      tree: {
        group: G,
        status: 'ready',
        error: null,
        processes: new Map(processes.map((p) => [p.execId, p])),
      },
    });
    useExplorerStore.setState(initialExplorerState());
    useUiStore.setState({
      group: G,
      exec: null,
      expanded: new Set(),
      collapsed: new Set(),
      showProbes: true,
      revealOff: false,
    });
  });

  const shown = () => {
    const { exec, expanded, collapsed } = useUiStore.getState();
    const display = displayForest(explorerViewNow().forest, {
      showProbes: true,
      expanded,
      collapsed,
      reveal: exec,
      selected: exec,
    });
    return display.locate.get(exec ?? '') === exec;
  };

  it('cycles through matches in tree order and wraps', () => {
    setQuery({ text: 'pg_isready' });
    expect(explorerViewNow().matches).toHaveLength(5);
    expect(stepToMatch(1)).toBe('ready0');
    expect(stepToMatch(1)).toBe('ready1');
    expect(stepToMatch(-1)).toBe('ready0');
    expect(stepToMatch(-1)).toBe('ready4');
    expect(stepToMatch(1)).toBe('ready0');
  });

  it('opens the folded group that hides a match by selecting it', () => {
    setQuery({ text: 'pg_isready' });
    // Before: the probes are folded into one "×5" item, so ready2 is not drawn itself.
    const before = displayForest(explorerViewNow().forest, {
      showProbes: true,
      expanded: new Set(),
      collapsed: new Set(),
      reveal: null,
      selected: null,
    });
    expect(before.locate.get('ready2')).toMatch(/^group:/);
    stepToMatch(1);
    stepToMatch(1);
    stepToMatch(1);
    expect(useUiStore.getState().exec).toBe('ready2');
    expect(shown()).toBe(true);
  });

  it('does nothing without matches', () => {
    setQuery({ text: 'nothing-like-this' });
    expect(stepToMatch(1)).toBeNull();
    expect(useUiStore.getState().exec).toBeNull();
  });
});
