import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Finding, Process, ProcessPod } from '@exectree/domain';
import { at, makeGroup, makeProcess } from '../../test/fixtures.ts';
import { initialLiveState, useLiveStore } from '../../stores/live-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { ProcessGraph } from './ProcessGraph.tsx';

const G = 'pod/default/web';
const NONE: ReadonlySet<string> = new Set();
const tmp: Finding = { rule: 'binary-in-tmp', reason: '/tmp/.x: in /tmp', relatedExecId: null };

function showTree(processes: Process[]) {
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

function probePod(probe: boolean): ProcessPod {
  return {
    namespace: 'default',
    name: 'web',
    container: {
      id: 'containerd://1',
      name: 'web',
      image: 'nginx',
      imageId: '',
      pid: 1,
      startTime: null,
      maybeExecProbe: probe,
    },
    workload: null,
    workloadKind: null,
    labels: {},
  };
}

const tree = () => screen.getByRole('tree', { name: 'Process tree of default/web' });
const node = (name: RegExp) => within(tree()).getByRole('treeitem', { name });

describe('the process graph', () => {
  beforeEach(() => {
    useUiStore.setState({
      group: G,
      exec: null,
      podFilter: '',
      expanded: NONE,
      collapsed: NONE,
      showProbes: false,
      revealOff: false,
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('draws an exec without fork as one lane whose images are selectable', () => {
    showTree([
      makeProcess({
        execId: 'sh',
        pid: 7,
        binary: '/bin/sh',
        arguments: "-c 'exec nginx'",
        state: 'replaced',
        replacedBy: 'nginx',
      }),
      makeProcess({ execId: 'nginx', parentExecId: 'sh', pid: 7, binary: '/usr/sbin/nginx' }),
      makeProcess({ execId: 'worker', parentExecId: 'nginx', pid: 8, startTime: at(2) }),
    ]);
    render(<ProcessGraph />);
    const items = within(tree()).getAllByRole('treeitem');
    expect(items).toHaveLength(2);
    const lane = items[0] as HTMLElement;
    expect(lane.getAttribute('data-lane')).toBe('2');
    const segments = within(lane).getAllByTestId('lane-segment');
    expect(segments.map((s) => s.textContent)).toEqual(['sh', 'nginx']);
    fireEvent.click(segments[0] as Element);
    expect(useUiStore.getState().exec).toBe('sh');
    fireEvent.click(lane);
    expect(useUiStore.getState().exec).toBe('nginx');
    expect(items[1]?.getAttribute('aria-level')).toBe('2');
  });

  it('folds any node with its toggle or the keyboard, and marks flagged processes inside', () => {
    showTree([
      makeProcess({ execId: 'root', binary: '/usr/sbin/nginx' }),
      makeProcess({ execId: 'sh', parentExecId: 'root', binary: '/bin/sh', startTime: at(1) }),
      makeProcess({
        execId: 'x',
        parentExecId: 'sh',
        binary: '/tmp/.x',
        startTime: at(2),
        findings: [tmp],
      }),
    ]);
    render(<ProcessGraph />);
    expect(
      within(node(/^\/tmp\/\.x/))
        .getByTestId('finding-marker')
        .getAttribute('aria-label'),
    ).toBe('Finding: Binary run from a temporary or deleted file');
    fireEvent.click(within(node(/^\/bin\/sh/)).getByTestId('node-toggle'));
    expect(node(/^\/bin\/sh/).getAttribute('aria-expanded')).toBe('false');
    expect(within(tree()).queryByRole('treeitem', { name: /^\/tmp\/\.x/ })).toBeNull();
    expect(
      within(node(/^\/bin\/sh/))
        .getByTestId('inside-finding-marker')
        .getAttribute('aria-label'),
    ).toBe('1 flagged process inside');

    fireEvent.keyDown(node(/^\/bin\/sh/), { key: 'ArrowRight' });
    expect(node(/^\/bin\/sh/).getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(node(/^\/usr\/sbin\/nginx/), { key: 'ArrowLeft' });
    expect(node(/^\/usr\/sbin\/nginx/).getAttribute('aria-expanded')).toBe('false');
    expect(within(tree()).getAllByRole('treeitem')).toHaveLength(1);
  });

  it('keeps the path to a newly selected process open', () => {
    showTree([
      makeProcess({ execId: 'root' }),
      makeProcess({ execId: 'child', parentExecId: 'root', binary: '/bin/true', startTime: at(1) }),
    ]);
    useUiStore.setState({ collapsed: new Set(['root']), revealOff: true });
    render(<ProcessGraph />);
    expect(within(tree()).getAllByRole('treeitem')).toHaveLength(1);
    act(() => useUiStore.setState({ exec: 'child' }));
    expect(node(/^\/bin\/true/).getAttribute('aria-selected')).toBe('true');
  });

  it('hides exec probes behind a toggle that counts them', () => {
    showTree([
      makeProcess({ execId: 'nginx', binary: '/usr/sbin/nginx', pod: probePod(false) }),
      makeProcess({ execId: 'p1', binary: '/bin/sh', pod: probePod(true), startTime: at(1) }),
      makeProcess({ execId: 'p2', binary: '/bin/sh', pod: probePod(true), startTime: at(2) }),
    ]);
    render(<ProcessGraph />);
    expect(within(tree()).getAllByRole('treeitem')).toHaveLength(1);
    expect(screen.getByTestId('hidden-probes').textContent).toBe('2 hidden');
    fireEvent.click(screen.getByTestId('probe-toggle'));
    expect(within(tree()).getAllByRole('treeitem')).toHaveLength(3);
    expect(screen.getByTestId('probe-toggle').getAttribute('aria-pressed')).toBe('true');
  });

  it('switches to a canvas above 1,500 nodes, with keyboard focus and selection', () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    showTree([
      makeProcess({ execId: 'root', binary: '/srv/root' }),
      ...Array.from({ length: 1_600 }, (_, i) =>
        makeProcess({
          execId: `job${i}`,
          parentExecId: 'root',
          binary: `/jobs/job-${i}`,
          startTime: at(i + 1),
        }),
      ),
    ]);
    render(<ProcessGraph />);
    expect(screen.getByTestId('process-graph-canvas')).toBeTruthy();
    expect(screen.getByTestId('canvas-mode').textContent).toBe('1,601 nodes · canvas');
    expect(screen.queryAllByTestId('process-node')).toHaveLength(0);

    const host = tree();
    fireEvent.keyDown(host, { key: 'Home' });
    const active = () => screen.getByTestId('canvas-active-item');
    expect(active().getAttribute('data-node-id')).toBe('root');
    expect(host.getAttribute('aria-activedescendant')).toBe(active().id);
    fireEvent.keyDown(host, { key: 'Enter' });
    expect(useUiStore.getState().exec).toBe('root');
    // With the details open, moving the focus moves the selection.
    fireEvent.keyDown(host, { key: 'ArrowRight' });
    expect(useUiStore.getState().exec).toBe('job0');
    fireEvent.keyDown(host, { key: 'ArrowDown' });
    expect(useUiStore.getState().exec).toBe('job1');
    expect(active().getAttribute('aria-selected')).toBe('true');
  });
});
