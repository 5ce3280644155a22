import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { selectGroup, selectProcess, useUiStore } from '../stores/ui-store.ts';
import { startUrlSync } from './url-sync.ts';

describe('startUrlSync', () => {
  let stop: () => void = () => {};

  beforeEach(() => {
    useUiStore.setState({ group: null, exec: null, podFilter: '' });
    window.history.replaceState(null, '', '/?ns=default&pod=xwing&exec=abc%2B&junk=1');
    stop = startUrlSync(window);
  });

  afterEach(() => stop());

  it('seeds the store from the URL and normalises the address', () => {
    expect(useUiStore.getState()).toMatchObject({ group: 'pod/default/xwing', exec: 'abc+' });
    expect(window.location.search).toBe('?ns=default&pod=xwing&exec=abc%2B');
  });

  it('adds a history entry for every change and restores it on Back', async () => {
    const before = window.history.length;
    selectProcess('other');
    expect(window.location.search).toBe('?ns=default&pod=xwing&exec=other');
    selectGroup('host/node-1');
    expect(window.location.search).toBe('?group=host/node-1');
    expect(window.history.length).toBe(before + 2);

    const popped = new Promise((resolve) =>
      window.addEventListener('popstate', resolve, { once: true }),
    );
    window.history.back();
    await popped;
    expect(useUiStore.getState()).toMatchObject({ group: 'pod/default/xwing', exec: 'other' });
    // Restoring does not push a new entry.
    expect(window.location.search).toBe('?ns=default&pod=xwing&exec=other');
  });
});
