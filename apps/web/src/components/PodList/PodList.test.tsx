import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import type { ProcessPod } from '@exectree/domain';
import { makeGroup, makeProcess } from '../../test/fixtures.ts';
import { initialLiveState, useLiveStore } from '../../stores/live-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { PodList } from './PodList.tsx';

const groups = [
  makeGroup({ key: 'pod/default/xwing', name: 'xwing', processes: 2, running: 1, exited: 1 }),
  makeGroup({
    key: 'pod/default/tiefighter',
    name: 'tiefighter',
    processes: 5,
    running: 0,
    exited: 5,
    flagged: 2,
  }),
  makeGroup({
    key: 'pod/default/web-a',
    name: 'web-a',
    workload: 'web',
    workloadKind: 'Deployment',
    processes: 3,
  }),
  makeGroup({
    key: 'pod/default/web-b',
    name: 'web-b',
    workload: 'web',
    workloadKind: 'Deployment',
    processes: 4,
  }),
  makeGroup({ key: 'pod/kube-system/coredns', namespace: 'kube-system', name: 'coredns' }),
  makeGroup({ key: 'host/node-1', kind: 'host', namespace: '', name: 'node-1', processes: 40 }),
];

const item = (name: RegExp) => screen.getByRole('treeitem', { name });

describe('PodList', () => {
  beforeEach(() => {
    useLiveStore.setState({
      ...initialLiveState(),
      groups: new Map(groups.map((g) => [g.key, g])),
    });
    useUiStore.setState({ group: null, exec: null, podFilter: '' });
  });

  it('nests namespaces, workloads and pods, then hosts, with counts rolled up', () => {
    render(<PodList />);
    const tree = screen.getByRole('tree', { name: 'Pods, containers and hosts' });
    const rows = Array.from(tree.querySelectorAll('[role="treeitem"]'));
    expect(rows.map((r) => [r.getAttribute('aria-level'), r.getAttribute('aria-label')])).toEqual([
      ['1', 'default, 14 processes, 3 running, 6 exited, 2 flagged'],
      ['2', 'tiefighter, 5 processes, 0 running, 5 exited, 2 flagged'],
      ['2', 'web (Deployment), 7 processes, 2 running, 0 exited'],
      ['3', 'web-a, 3 processes, 1 running, 0 exited'],
      ['3', 'web-b, 4 processes, 1 running, 0 exited'],
      ['2', 'xwing, 2 processes, 1 running, 1 exited'],
      ['1', 'kube-system, 1 process, 1 running, 0 exited'],
      ['2', 'coredns, 1 process, 1 running, 0 exited'],
      ['1', 'Hosts, 40 processes, 1 running, 0 exited'],
      ['2', 'node-1, 40 processes, 1 running, 0 exited'],
    ]);
    expect(item(/^tiefighter,/).querySelector('[data-testid="flagged-count"]')?.textContent).toBe(
      '2',
    );
  });

  it('collapses and expands levels with the mouse and the keyboard', () => {
    render(<PodList />);
    const ns = item(/^default,/);
    expect(ns.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(ns);
    expect(item(/^default,/).getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('treeitem', { name: /^xwing,/ })).toBeNull();
    fireEvent.keyDown(item(/^default,/), { key: 'ArrowRight' });
    expect(screen.getByRole('treeitem', { name: /^xwing,/ })).toBeTruthy();

    const web = item(/^web \(Deployment\)/);
    web.focus();
    fireEvent.keyDown(web, { key: 'ArrowLeft' });
    expect(item(/^web \(Deployment\)/).getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('treeitem', { name: /^web-a,/ })).toBeNull();
    fireEvent.keyDown(item(/^web \(Deployment\)/), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(item(/^default,/));
  });

  it('filters, opening what matches, and Enter in the filter opens the first match', () => {
    render(<PodList />);
    fireEvent.click(item(/^kube-system,/));
    const input = screen.getByRole('searchbox', { name: 'Filter pods' });
    fireEvent.change(input, { target: { value: 'core' } });
    expect(screen.getAllByRole('treeitem').map((r) => r.getAttribute('data-key'))).toEqual([
      'ns:kube-system',
      'pod/kube-system/coredns',
    ]);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(useUiStore.getState().group).toBe('pod/kube-system/coredns');

    fireEvent.change(input, { target: { value: 'zzz' } });
    expect(screen.queryAllByRole('treeitem')).toHaveLength(0);
    expect(screen.getByText(/Nothing matches/)).toBeTruthy();
  });

  it('moves focus with the arrow keys and selects a pod with Enter', () => {
    render(<PodList />);
    const input = screen.getByRole('searchbox', { name: 'Filter pods' });
    input.focus();
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(item(/^default,/));
    fireEvent.keyDown(item(/^default,/), { key: 'ArrowDown' });
    expect(document.activeElement).toBe(item(/^tiefighter,/));
    fireEvent.keyDown(item(/^tiefighter,/), { key: 'Enter' });
    expect(useUiStore.getState().group).toBe('pod/default/tiefighter');
    expect(item(/^tiefighter,/).getAttribute('aria-selected')).toBe('true');
    // Only one row is reachable with Tab.
    expect(screen.getAllByRole('treeitem').filter((o) => o.tabIndex === 0)).toHaveLength(1);
  });

  it('shows restarts and local flagged counts for the open pod', () => {
    const container = (id: string, start: string): ProcessPod => ({
      namespace: 'default',
      name: 'xwing',
      container: {
        id,
        name: 'app',
        image: 'x',
        imageId: '',
        pid: 1,
        startTime: start,
        maybeExecProbe: false,
      },
      workload: null,
      workloadKind: null,
      labels: {},
    });
    useUiStore.setState({ group: 'pod/default/xwing' });
    useLiveStore.setState({
      tree: {
        group: 'pod/default/xwing',
        status: 'ready',
        error: null,
        processes: new Map(
          [
            makeProcess({ execId: 'a', pod: container('c://1', '2026-01-01T00:00:00Z') }),
            makeProcess({
              execId: 'b',
              pod: container('c://2', '2026-01-01T00:05:00Z'),
              findings: [{ rule: 'binary-in-tmp', reason: 'r', relatedExecId: null }],
            }),
          ].map((p) => [p.execId, p]),
        ),
      },
    });
    render(<PodList />);
    const xwing = item(/^xwing,/);
    expect(xwing.getAttribute('aria-label')).toBe(
      'xwing, 2 processes, 1 running, 1 exited, 1 flagged, 1 container restart',
    );
    expect(xwing.querySelector('[data-testid="restart-badge"]')?.textContent).toBe('1');
  });

  it('shows the container restarts the server counted for every pod, summed up the levels', () => {
    const restarted = [
      makeGroup({ key: 'pod/payments/db-0', namespace: 'payments', name: 'db-0', restarts: 3 }),
      makeGroup({ key: 'pod/payments/db-1', namespace: 'payments', name: 'db-1', restarts: 0 }),
      makeGroup({ key: 'pod/payments/api', namespace: 'payments', name: 'api', restarts: 1 }),
    ];
    useLiveStore.setState({ groups: new Map(restarted.map((g) => [g.key, g])) });
    render(<PodList />);
    const badge = (row: HTMLElement) => row.querySelector('[data-testid="restart-badge"]');
    expect(badge(item(/^db-0,/))?.textContent).toBe('3');
    expect(badge(item(/^db-0,/))?.getAttribute('title')).toBe('3 container restarts');
    expect(item(/^db-0,/).getAttribute('aria-label')).toMatch(/, 3 container restarts$/);
    expect(badge(item(/^db-1,/))).toBeNull();
    expect(badge(item(/^api,/))?.getAttribute('title')).toBe('1 container restart');
    expect(badge(item(/^payments,/))?.textContent).toBe('4');
  });

  it('renders hostile names as text', () => {
    const evil = makeGroup({
      key: 'pod/default/<img src=x onerror=alert(1)>',
      name: '<img src=x onerror=alert(1)>',
    });
    useLiveStore.setState({ groups: new Map([[evil.key, evil]]) });
    const { container } = render(<PodList />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getAllByRole('treeitem')[1]?.textContent).toContain(
      '<img src=x onerror=alert(1)>',
    );
  });

  it('says when there is no data yet', () => {
    useLiveStore.setState({ groups: new Map() });
    render(<PodList />);
    expect(screen.getByTestId('podlist-empty').textContent).toContain('No processes yet');
  });
});
