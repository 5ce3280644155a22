import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ProcessDetailResponse } from '@exectree/domain';
import { makeProcess } from '../../test/fixtures.ts';
import { initialLiveState, useLiveStore } from '../../stores/live-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { DetailPanel } from './DetailPanel.tsx';

const WHOAMI = 'a2luZC1jb250cm9sLXBsYW5lOjExNDI4NjE1NjM2OTAxOjUxNTgz';
const BASH = 'a2luZC1jb250cm9sLXBsYW5lOjkwNzkyMjU2MjMyNjk6NDM4NzI=';

const bash = makeProcess({ execId: BASH, binary: '/bin/bash', group: 'pod/default/xwing' });
const whoami = makeProcess({
  execId: WHOAMI,
  parentExecId: BASH,
  binary: '/usr/bin/whoami',
  arguments: '--version',
  cwd: '/',
  pid: 51583,
  state: 'exited',
  status: 0,
  startTime: '2022-05-11T12:54:45.615Z',
  exitTime: '2022-05-11T12:54:45.616Z',
  pod: {
    namespace: 'default',
    name: 'xwing',
    container: {
      id: 'containerd://1fb931d2f6e5e4cfdbaf',
      name: 'spaceship',
      image: 'docker.io/tgraf/netperf:latest',
      imageId: '',
      pid: 50,
      startTime: null,
      maybeExecProbe: false,
    },
    workload: null,
    workloadKind: null,
    labels: {},
  },
});

function respond(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status }));
}

describe('DetailPanel', () => {
  beforeEach(() => {
    useLiveStore.setState(initialLiveState());
    useUiStore.setState({ group: 'pod/default/xwing', exec: WHOAMI, podFilter: '' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows the process, decodes its exec_id and lists its ancestry', async () => {
    const detail: ProcessDetailResponse = {
      process: whoami,
      ancestors: [bash],
      children: [],
      events: [],
    };
    const fetchMock = respond(200, detail);
    vi.stubGlobal('fetch', fetchMock);
    render(<DetailPanel execId={WHOAMI} />);

    expect(await screen.findByTestId('ancestry')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledWith(
      `/api/v1/processes/${encodeURIComponent(WHOAMI)}`,
      expect.anything(),
    );
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('whoami');
    expect(screen.getByTestId('command-line').textContent).toBe('/usr/bin/whoami --version');
    const value = (name: string) =>
      screen.getByTestId(`field-${name}`).querySelector('dd')?.textContent;
    expect(value('cwd')).toBe('/');
    expect(value('outcome')).toBe('0');
    expect(value('pod')).toBe('default/xwing');
    expect(value('image')).toBe('docker.io/tgraf/netperf:latest');
    expect(screen.getByTestId('exec-id-decoded').textContent).toBe(
      'node kind-control-plane ktime 11428615636901 pid 51583',
    );
    expect(
      within(screen.getByTestId('ancestry'))
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([expect.stringContaining('bash'), expect.stringContaining('whoami')]);
    expect(screen.getByText('No child processes.')).toBeTruthy();
  });

  it('follows the parent link into the parent’s group', async () => {
    const hostParent = { ...bash, group: 'host/node-1' };
    vi.stubGlobal(
      'fetch',
      respond(200, { process: whoami, ancestors: [hostParent], children: [], events: [] }),
    );
    render(<DetailPanel execId={WHOAMI} />);
    await screen.findByTestId('ancestry');
    fireEvent.click(screen.getByTestId('parent-link'));
    expect(useUiStore.getState()).toMatchObject({ exec: BASH, group: 'host/node-1' });
  });

  it('says when the server does not know the process', async () => {
    vi.stubGlobal('fetch', respond(404, { error: 'not found' }));
    render(<DetailPanel execId="bm9wZQ==" />);
    expect((await screen.findByTestId('detail-not-found')).textContent).toContain('bm9wZQ==');
  });

  it('closes with its close button', async () => {
    vi.stubGlobal(
      'fetch',
      respond(200, { process: whoami, ancestors: [], children: [], events: [] }),
    );
    render(<DetailPanel execId={WHOAMI} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close details' }));
    expect(useUiStore.getState().exec).toBeNull();
    await screen.findByText(/No known parent/);
  });
});
