import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ProcessDetailResponse, ProcessPod } from '@exectree/domain';
import { makeProcess } from '../../test/fixtures.ts';
import { initialLiveState, useLiveStore } from '../../stores/live-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { DetailPanel } from './DetailPanel.tsx';

const GROUP = 'pod/default/web';
const pod: ProcessPod = {
  namespace: 'default',
  name: 'web',
  container: {
    id: 'containerd://abc',
    name: 'nginx',
    image: 'nginx:1.27',
    imageId: '',
    pid: 7,
    startTime: '2026-01-01T00:00:00Z',
    maybeExecProbe: false,
  },
  workload: 'web',
  workloadKind: 'Deployment',
  labels: { app: 'web', tier: 'frontend' },
};

const shim = makeProcess({
  execId: 'shim',
  binary: '/usr/bin/containerd-shim-runc-v2',
  group: 'host/node-1',
});
const nginx = makeProcess({
  execId: 'nginx',
  parentExecId: 'shim',
  binary: '/usr/sbin/nginx',
  pod,
  group: GROUP,
});
const curl = makeProcess({
  execId: 'curl',
  parentExecId: 'sh',
  binary: '/usr/bin/curl',
  pod,
  group: GROUP,
});
const payload = makeProcess({
  execId: 'x',
  parentExecId: 'sh',
  binary: '/tmp/.x',
  pod,
  group: GROUP,
  state: 'exited',
  signal: 'SIGKILL',
  findings: [
    { rule: 'binary-in-tmp', reason: '/tmp/.x: it runs from /tmp', relatedExecId: null },
    { rule: 'fetch-then-exec', reason: 'runs /tmp/.x, downloaded earlier', relatedExecId: 'curl' },
  ],
});
const sh = makeProcess({
  execId: 'sh',
  parentExecId: 'nginx',
  binary: '/bin/sh',
  pod,
  group: GROUP,
});

const events = [
  {
    process_exec: { process: { exec_id: 'x', binary: '/tmp/.x' } },
    node_name: 'n',
    time: '2026-01-01T00:25:09.383Z',
  },
  {
    process_kprobe: {
      process: { exec_id: 'x', binary: '/tmp/.x' },
      function_name: 'tcp_connect',
      policy_name: 'network',
    },
    node_name: 'n',
    time: '2026-01-01T00:25:10.000Z',
  },
];

function serve(detail: ProcessDetailResponse) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(detail), { status: 200 })),
  );
}

describe('DetailPanel sections', () => {
  beforeEach(() => {
    useLiveStore.setState({
      ...initialLiveState(),
      tree: {
        group: GROUP,
        status: 'ready',
        error: null,
        processes: new Map([nginx, sh, curl, payload].map((p) => [p.execId, p])),
      },
    });
    useUiStore.setState({ group: GROUP, exec: 'x' });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('lists findings with their titles and reasons, linked to the related process', async () => {
    serve({ process: payload, ancestors: [sh, nginx, shim], children: [], events });
    render(<DetailPanel execId="x" />);
    const findings = await screen.findByTestId('findings');
    const items = within(findings).getAllByTestId('finding');
    expect(items.map((i) => i.querySelector('.finding__title')?.textContent)).toEqual([
      'Binary run from a temporary or deleted file',
      'Downloaded file made executable or run',
    ]);
    expect(items[0]?.textContent).toContain('/tmp/.x: it runs from /tmp');
    fireEvent.click(within(findings).getByTestId('finding-related'));
    expect(useUiStore.getState()).toMatchObject({ exec: 'curl', group: GROUP });
  });

  it('splits the ancestry where it enters the pod from the host', async () => {
    serve({ process: payload, ancestors: [sh, nginx, shim], children: [], events });
    render(<DetailPanel execId="x" />);
    const runs = await screen.findAllByTestId('ancestry-run');
    expect(runs.map((r) => r.textContent)).toEqual([
      'Hostnode-1containerd-shim-runc-v2',
      'entersPoddefault/webnginx›sh›.x',
    ]);
  });

  it('shows the labels, the container start and every event, with raw JSON to copy', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    serve({ process: payload, ancestors: [sh], children: [], events });
    render(<DetailPanel execId="x" />);
    const rows = await screen.findAllByTestId('event-row');
    expect(rows.map((r) => r.getAttribute('data-type'))).toEqual([
      'process_exec',
      'process_kprobe',
    ]);
    expect(rows[1]?.textContent).toContain('tcp_connect · network');
    expect(screen.getByTestId('field-labels').textContent).toBe('Labelsapp=webtier=frontend');
    expect(screen.getByTestId('field-container-start').textContent).toContain('2026-01-01');
    fireEvent.click(screen.getByRole('button', { name: 'Copy all events as JSON' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(JSON.stringify(events, null, 2)));
    await screen.findByRole('button', { name: 'Copied' });
  });

  it('names the exec chain of a pid that exec’d without forking', async () => {
    const entry = makeProcess({
      execId: 'entry',
      binary: '/docker-entrypoint.sh',
      state: 'replaced',
      replacedBy: 'srv',
      group: GROUP,
    });
    const srv = makeProcess({
      execId: 'srv',
      parentExecId: 'entry',
      binary: '/usr/sbin/nginx',
      group: GROUP,
    });
    useLiveStore.setState({
      tree: {
        group: GROUP,
        status: 'ready',
        error: null,
        processes: new Map([entry, srv].map((p) => [p.execId, p])),
      },
    });
    serve({ process: srv, ancestors: [entry], children: [], events: [] });
    render(<DetailPanel execId="srv" />);
    const chain = await screen.findByTestId('exec-chain');
    expect(chain.textContent).toBe('docker-entrypoint.sh→nginxsame pid, exec without fork');
    fireEvent.click(within(chain).getByRole('button', { name: 'docker-entrypoint.sh' }));
    expect(useUiStore.getState().exec).toBe('entry');
    expect(await screen.findByText('No events are stored for this process.')).toBeTruthy();
  });
});
