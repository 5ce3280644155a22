import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  resetExpansion,
  selectGroup,
  selectProcess,
  setExpansion,
  useUiStore,
} from '../stores/ui-store.ts';
import {
  initialExplorerState,
  setPaused,
  setQuery,
  setRange,
  setView,
  useExplorerStore,
} from '../stores/explorer-store.ts';
import { startUrlSync } from './url-sync.ts';

function popped(): Promise<unknown> {
  return new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
}

describe('startUrlSync', () => {
  let stop: () => void = () => {};

  beforeEach(() => {
    useUiStore.setState({
      group: null,
      exec: null,
      podFilter: '',
      expanded: new Set(),
      collapsed: new Set(),
      revealOff: false,
    });
    useExplorerStore.setState(initialExplorerState());
    window.history.replaceState(
      null,
      '',
      '/?ns=default&pod=xwing&exec=abc%2B&view=split&q=curl&paused=1&junk=1',
    );
    stop = startUrlSync(window);
  });

  afterEach(() => stop());

  it('seeds the stores from the URL and normalises the address', () => {
    expect(useUiStore.getState()).toMatchObject({ group: 'pod/default/xwing', exec: 'abc+' });
    expect(useExplorerStore.getState()).toMatchObject({ view: 'split', paused: true });
    expect(useExplorerStore.getState().query.text).toBe('curl');
    expect(window.location.search).toBe(
      '?ns=default&pod=xwing&exec=abc%2B&view=split&q=curl&paused=1',
    );
  });

  it('adds a history entry for every change and restores it on Back', async () => {
    const before = window.history.length;
    selectProcess('other');
    expect(window.location.search).toContain('exec=other');
    selectGroup('host/node-1');
    expect(window.location.search).toBe('?group=host/node-1&view=split&q=curl&paused=1');
    setView('timeline');
    setRange({ from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:01:00Z' });
    setPaused(false);
    expect(window.location.search).toBe(
      '?group=host/node-1&view=timeline&from=2026-01-01T00:00:00Z&to=2026-01-01T00:01:00Z&q=curl',
    );
    expect(window.history.length).toBe(before + 5);

    const back = popped();
    window.history.back();
    await back;
    expect(useExplorerStore.getState()).toMatchObject({ view: 'timeline', paused: true });
    expect(useExplorerStore.getState().range).not.toBeNull();

    const further = popped();
    window.history.go(-3);
    await further;
    expect(useUiStore.getState()).toMatchObject({ group: 'pod/default/xwing', exec: 'other' });
    expect(useExplorerStore.getState()).toMatchObject({ view: 'split', range: null });
    // Restoring does not push a new entry.
    expect(window.location.search).toBe(
      '?ns=default&pod=xwing&exec=other&view=split&q=curl&paused=1',
    );
  });

  it('replaces the entry while typing, and pushes facet changes', () => {
    const push = vi.spyOn(window.history, 'pushState');
    setQuery({ text: 'curl -s' });
    setQuery({ text: 'curl -s h' });
    expect(push).not.toHaveBeenCalled();
    expect(new URLSearchParams(window.location.search).get('q')).toBe('curl -s h');
    setQuery({ flagged: true });
    expect(push).toHaveBeenCalledTimes(1);
    expect(window.location.search).toContain('flagged=1');
    push.mockRestore();
  });

  it('puts folds in the URL and restores them, as folded, on Back and on load', async () => {
    const group = 'group:abc+:/bin/sh';
    setExpansion(new Set([group]), new Set(['abc+', 'def']));
    expect(useUiStore.getState().revealOff).toBe(true);
    const params = new URLSearchParams(window.location.search);
    expect(params.get('fold')).toMatch(/^c0\.abc\+!e\d\.:\/bin\/sh!c0\.def$/);
    expect(params.get('reveal')).toBe('0');
    const folded = window.location.search;

    resetExpansion();
    expect(window.location.search).not.toContain('fold=');
    const back = popped();
    window.history.back();
    await back;
    expect(useUiStore.getState()).toMatchObject({
      exec: 'abc+',
      expanded: new Set([group]),
      collapsed: new Set(['abc+', 'def']),
      revealOff: true,
    });

    // A fresh start from the same address gives the same folds.
    stop();
    useUiStore.setState({ group: null, exec: null, expanded: new Set(), collapsed: new Set() });
    useUiStore.setState({ revealOff: false });
    window.history.replaceState(null, '', `/${folded}`);
    stop = startUrlSync(window);
    expect(useUiStore.getState()).toMatchObject({
      group: 'pod/default/xwing',
      exec: 'abc+',
      collapsed: new Set(['abc+', 'def']),
      revealOff: true,
    });
    expect(window.location.search).toBe(folded);
  });

  it('forgets the folds of the group it leaves', () => {
    setExpansion(new Set(), new Set(['abc+']));
    selectGroup('host/node-1');
    expect(useUiStore.getState().collapsed.size).toBe(0);
    expect(window.location.search).not.toContain('fold=');
  });
});
