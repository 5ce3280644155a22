import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { makeGroup } from '../../test/fixtures.ts';
import { initialLiveState, useLiveStore } from '../../stores/live-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { PodList } from './PodList.tsx';

const groups = [
  makeGroup({ key: 'pod/default/xwing', name: 'xwing', processes: 2, running: 1 }),
  makeGroup({ key: 'pod/default/tiefighter', name: 'tiefighter', processes: 5, running: 0 }),
  makeGroup({ key: 'pod/kube-system/coredns', namespace: 'kube-system', name: 'coredns' }),
  makeGroup({ key: 'host/node-1', kind: 'host', namespace: '', name: 'node-1', processes: 40 }),
];

describe('PodList', () => {
  beforeEach(() => {
    useLiveStore.setState({
      ...initialLiveState(),
      groups: new Map(groups.map((g) => [g.key, g])),
    });
    useUiStore.setState({ group: null, exec: null, podFilter: '' });
  });

  it('lists pods grouped by namespace, then hosts, with counts', () => {
    render(<PodList />);
    const sections = screen.getAllByRole('group');
    expect(sections.map((s) => s.getAttribute('aria-labelledby'))).toHaveLength(3);
    const defaultNs = screen.getByRole('group', { name: /default/ });
    expect(
      within(defaultNs)
        .getAllByRole('option')
        .map((o) => o.getAttribute('aria-label')),
    ).toEqual(['tiefighter, 5 processes, 0 running', 'xwing, 2 processes, 1 running']);
    expect(screen.getByRole('group', { name: /Hosts/ })).toBeTruthy();
  });

  it('filters, and Enter in the filter opens the first match', () => {
    render(<PodList />);
    const input = screen.getByRole('searchbox', { name: 'Filter pods' });
    fireEvent.change(input, { target: { value: 'core' } });
    expect(screen.getAllByRole('option')).toHaveLength(1);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(useUiStore.getState().group).toBe('pod/kube-system/coredns');

    fireEvent.change(input, { target: { value: 'zzz' } });
    expect(screen.queryAllByRole('option')).toHaveLength(0);
    expect(screen.getByText(/Nothing matches/)).toBeTruthy();
  });

  it('moves focus with the arrow keys and selects with Enter', () => {
    render(<PodList />);
    const input = screen.getByRole('searchbox', { name: 'Filter pods' });
    input.focus();
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    const options = screen.getAllByRole('option');
    expect(document.activeElement).toBe(options[0]);
    fireEvent.keyDown(options[0] as HTMLElement, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(options[1]);
    expect(useUiStore.getState().group).toBeNull();
    fireEvent.keyDown(options[1] as HTMLElement, { key: 'Enter' });
    expect(useUiStore.getState().group).toBe('pod/default/xwing');
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    // Only one option is reachable with Tab.
    expect(options.filter((o) => o.tabIndex === 0)).toHaveLength(1);
  });

  it('renders hostile names as text', () => {
    const evil = makeGroup({
      key: 'pod/default/<img src=x onerror=alert(1)>',
      name: '<img src=x onerror=alert(1)>',
    });
    useLiveStore.setState({ groups: new Map([[evil.key, evil]]) });
    const { container } = render(<PodList />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('option').textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('says when there is no data yet', () => {
    useLiveStore.setState({ groups: new Map() });
    render(<PodList />);
    expect(screen.getByTestId('podlist-empty').textContent).toContain('No processes yet');
  });
});
