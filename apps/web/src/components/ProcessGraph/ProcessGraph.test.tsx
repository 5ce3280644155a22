import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { makeGroup, makeProcess } from '../../test/fixtures.ts';
import { initialLiveState, useLiveStore } from '../../stores/live-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { ProcessGraph } from './ProcessGraph.tsx';

const G = 'pod/default/xwing';

function showTree(processes: ReturnType<typeof makeProcess>[]) {
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

describe('ProcessGraph', () => {
  beforeEach(() => {
    useUiStore.setState({ group: G, exec: null, podFilter: '' });
  });

  it('draws each process with its binary, arguments and outcome badge', () => {
    showTree([
      makeProcess({ execId: 'bash', binary: '/bin/bash' }),
      makeProcess({
        execId: 'who',
        parentExecId: 'bash',
        binary: '/usr/bin/whoami',
        arguments: '--version',
        state: 'exited',
        status: 0,
      }),
      makeProcess({
        execId: 'curl',
        parentExecId: 'bash',
        binary: '/usr/bin/curl',
        state: 'exited',
        status: 0,
        signal: 'SIGKILL',
      }),
      makeProcess({
        execId: 'false',
        parentExecId: 'bash',
        binary: '/bin/false',
        state: 'exited',
        status: 1,
      }),
    ]);
    render(<ProcessGraph />);
    const tree = screen.getByRole('tree', { name: 'Process tree of default/xwing' });
    const items = within(tree).getAllByRole('treeitem');
    expect(items.map((i) => i.getAttribute('aria-level'))).toEqual(['1', '2', '2', '2']);
    const who = items.find((i) => i.getAttribute('data-exec-id') === 'who') as Element;
    expect(who.textContent).toContain('whoami');
    expect(who.textContent).toContain('--version');
    const badge = (id: string) =>
      items
        .find((i) => i.getAttribute('data-exec-id') === id)
        ?.querySelector('[data-testid="node-badge"]')?.textContent;
    expect(badge('bash')).toBe('running');
    expect(badge('who')).toBe('exit 0');
    expect(badge('curl')).toBe('SIGKILL');
    expect(badge('false')).toBe('exit 1');
    expect(
      items.find((i) => i.getAttribute('data-exec-id') === 'curl')?.getAttribute('class'),
    ).toContain('gnode--danger');
  });

  it('selects a process on click and with Enter', () => {
    showTree([
      makeProcess({ execId: 'bash', binary: '/bin/bash' }),
      makeProcess({ execId: 'who', parentExecId: 'bash', binary: '/usr/bin/whoami' }),
    ]);
    render(<ProcessGraph />);
    const items = screen.getAllByRole('treeitem');
    fireEvent.click(items[1] as Element);
    expect(useUiStore.getState().exec).toBe('who');
    expect(items[1]?.getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(items[1] as Element, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(items[0]);
    fireEvent.keyDown(items[0] as Element, { key: 'Enter' });
    expect(useUiStore.getState().exec).toBe('bash');
  });

  it('renders attacker-controlled binaries and arguments as text', () => {
    showTree([
      makeProcess({
        execId: 'x',
        binary: '/tmp/<script>alert(1)</script>',
        arguments: '<img src=x onerror=alert(2)>',
      }),
    ]);
    const { container } = render(<ProcessGraph />);
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('treeitem').textContent).toContain('<img src=x');
  });

  it('shows designed states for loading, gone and unreachable', () => {
    useLiveStore.setState({
      ...initialLiveState(),
      groups: new Map(),
      tree: { group: G, status: 'loading', error: null, processes: new Map() },
    });
    const { rerender } = render(<ProcessGraph />);
    expect(screen.getByTestId('tree-loading')).toBeTruthy();

    useLiveStore.setState({
      tree: { group: G, status: 'ready', error: null, processes: new Map() },
    });
    rerender(<ProcessGraph />);
    expect(screen.getByTestId('tree-gone').textContent).toContain('default/xwing');

    useUiStore.setState({ group: null });
    useLiveStore.setState({
      ...initialLiveState(),
      connection: { status: 'unreachable', attempt: 3, reason: 'x' },
    });
    rerender(<ProcessGraph />);
    expect(screen.getByTestId('tree-unreachable').textContent).toContain('attempt 3');
  });
});
