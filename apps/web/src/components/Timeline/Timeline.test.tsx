import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Process } from '@exectree/domain';
import { makeGroup, makeProcess } from '../../test/fixtures.ts';
import { initialLiveState, useLiveStore } from '../../stores/live-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { initialExplorerState, useExplorerStore } from '../../stores/explorer-store.ts';
import { Timeline } from './Timeline.tsx';

const G = 'pod/default/big';
const T0 = Date.now() - 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function show(processes: Process[]) {
  useLiveStore.setState({
    ...initialLiveState(),
    connection: { status: 'live', attempt: 0, reason: null },
    groups: new Map([[G, makeGroup({ key: G })]]),
    tree: {
      group: G,
      status: 'ready',
      error: null,
      processes: new Map(processes.map((p) => [p.execId, p])),
    },
  });
}

/** A root with `n` children of distinct binaries (so none fold into a "×N" group). */
function wide(n: number): Process[] {
  const root = makeProcess({ execId: 'root', startTime: iso(T0), binary: '/sbin/init', group: G });
  const children = Array.from({ length: n }, (_, i) =>
    makeProcess({
      execId: `p${i}`,
      parentExecId: 'root',
      binary: `/usr/bin/tool-${i}`,
      startTime: iso(T0 + i * 10),
      state: 'exited',
      exitTime: iso(T0 + i * 10 + 5),
      status: i % 7 === 0 ? 1 : 0,
      group: G,
    }),
  );
  return [root, ...children];
}

// jsdom has no layout: give every element the size of a laptop-sized pane.
const sizes = {
  clientWidth: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth'),
  clientHeight: Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight'),
};
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, value: 900 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, value: 560 });
});
afterAll(() => {
  if (sizes.clientWidth)
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', sizes.clientWidth);
  if (sizes.clientHeight)
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', sizes.clientHeight);
});

describe('Timeline', () => {
  beforeEach(() => {
    useExplorerStore.setState(initialExplorerState());
    useUiStore.setState({
      group: G,
      exec: null,
      expanded: new Set(),
      collapsed: new Set(),
      showProbes: false,
      revealOff: false,
    });
  });

  it('renders only the rows in view, even for 5,000 processes', () => {
    show(wide(5000));
    render(<Timeline />);
    const grid = screen.getByRole('treegrid', { name: 'Processes over time' });
    expect(grid.getAttribute('aria-rowcount')).toBe('5001');
    const rows = within(grid).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]?.getAttribute('aria-label')).toContain('/sbin/init');
  });

  it('colours bars by outcome and runs open bars to now', () => {
    show(wide(8));
    render(<Timeline />);
    const grid = screen.getByRole('treegrid');
    const tones = within(grid)
      .getAllByTestId('timeline-bar')
      .map((bar) => bar.getAttribute('data-tone'));
    expect(tones[0]).toBe('running');
    expect(tones).toContain('warn');
    expect(tones).toContain('ok');
    expect(within(grid).getAllByTestId('timeline-bar')[0]?.className).toContain('tl-bar--open');
  });

  it('selects a process by click and by keyboard', () => {
    show(wide(8));
    render(<Timeline />);
    const rows = within(screen.getByRole('treegrid')).getAllByRole('row');
    fireEvent.click(rows[2] as HTMLElement);
    expect(useUiStore.getState().exec).toBe('p1');

    const grid = screen.getByRole('treegrid');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(useUiStore.getState().exec).toBe('p2');
  });

  it('says so when nothing ran in the time range, and clears it', () => {
    show(wide(3));
    useExplorerStore.setState({
      range: { from: iso(T0 - 3_600_000), to: iso(T0 - 3_000_000) },
    });
    render(<Timeline />);
    expect(screen.getByTestId('timeline-empty-range').textContent).toContain(
      'Nothing ran in this time range',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Clear time range' }));
    expect(useExplorerStore.getState().range).toBeNull();
  });
});
