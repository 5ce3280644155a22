import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InfoResponse, PodsResponse } from '@exectree/domain';
import { WHOAMI, XWING, fixtureLines } from './helpers/fixtures.ts';
import { killLeftovers, runCli } from './helpers/cli-process.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { waitFor } from './helpers/wait-for.ts';

let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(() => {
  killLeftovers();
  temp.cleanup();
});

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  return (await response.json()) as T;
}

describe('exectree CLI', () => {
  it('serve prints the listening line, answers, and exits 0 on SIGTERM', async () => {
    const cli = runCli(['serve', '--port', '0', '--db', ':memory:', '--no-demo'], temp.dir);
    const url = await cli.listening();
    expect(cli.stdout()).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    expect(Number(new URL(url).port)).toBeGreaterThan(0);
    expect(await fetchJson(`${url}/healthz`)).toEqual({ status: 'ok' });
    expect((await fetchJson<InfoResponse>(`${url}/api/v1/info`)).demo).toBe(false);

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).toMatch(/SIGTERM: shutting down/);
  });

  it('rejects a bad flag value with one line naming the flag, exit code 2', async () => {
    const cli = runCli(['serve', '--port', 'abc'], temp.dir);
    expect(await cli.exited).toBe(2);
    expect(cli.stdout()).toBe('');
    const lines = cli.stderr().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/--port "abc".*0 to 65535/);
  });

  it('rejects a bad environment value and an unknown command', async () => {
    const env = runCli(['serve', '--no-demo'], temp.dir, { EXECTREE_PORT: '70000' });
    expect(await env.exited).toBe(2);
    expect(env.stderr()).toMatch(/EXECTREE_PORT "70000"/);

    const unknown = runCli(['frobnicate'], temp.dir);
    expect(await unknown.exited).toBe(2);
    expect(unknown.stderr()).toMatch(/unknown command 'frobnicate'/);
  });

  it('explains every flag in --help', async () => {
    const serveHelp = runCli(['serve', '--help'], temp.dir);
    expect(await serveHelp.exited).toBe(0);
    for (const flag of [
      '--host',
      '--port',
      '--db',
      '--no-demo',
      '--file',
      '--stdin',
      '--max-body',
      '--max-line',
      '--max-pod-processes',
      '--max-clients',
      '--ingest-queue',
      '--ingest-rate',
      '--token',
    ]) {
      expect(serveHelp.stdout()).toContain(flag);
    }
    for (const variable of ['EXECTREE_HOST', 'EXECTREE_PORT', 'EXECTREE_DB', 'EXECTREE_TOKEN']) {
      expect(serveHelp.stdout()).toContain(variable);
    }

    const mainHelp = runCli(['--help'], temp.dir);
    expect(await mainHelp.exited).toBe(0);
    for (const command of ['serve', 'simulate', 'compact']) {
      expect(mainHelp.stdout()).toContain(command);
    }
  });

  it('ingests standard input with --stdin until it ends', async () => {
    const cli = runCli(['serve', '--stdin', '--port', '0', '--db', ':memory:'], temp.dir);
    const url = await cli.listening();
    const info = await fetchJson<InfoResponse>(`${url}/api/v1/info`);
    expect(info.demo).toBe(false);
    expect(info.sources.find((s) => s.kind === 'stdin')).toMatchObject({ connected: true });

    const [exec, exit] = fixtureLines(WHOAMI);
    cli.child.stdin.write(`${exec}\n${exit?.slice(0, 40) ?? ''}`);
    await waitFor('xwing pod', async () => {
      const pods = await fetchJson<PodsResponse>(`${url}/api/v1/pods`);
      return pods.pods.some((pod) => pod.key === XWING);
    });

    // The rest of the last line arrives without a newline: EOF completes it.
    cli.child.stdin.end(exit?.slice(40));
    const stdin = await waitFor('stdin closed', async () => {
      const status = await fetchJson<InfoResponse>(`${url}/api/v1/info`);
      const source = status.sources.find((s) => s.kind === 'stdin');
      return source?.connected === false ? source : undefined;
    });
    expect(stdin).toMatchObject({ linesRead: 2, accepted: 2, rejected: 0 });
    const pods = await fetchJson<PodsResponse>(`${url}/api/v1/pods`);
    expect(pods.pods.find((pod) => pod.key === XWING)).toMatchObject({ exited: 1 });

    cli.child.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  it('runs the demo when no source is configured', async () => {
    const cli = runCli(['--port', '0'], temp.dir);
    const url = await cli.listening();
    const info = await fetchJson<InfoResponse>(`${url}/api/v1/info`);
    expect(info.demo).toBe(true);
    expect(info.sources.find((s) => s.kind === 'demo')).toBeDefined();
    await waitFor('demo groups', async () => {
      const pods = await fetchJson<PodsResponse>(`${url}/api/v1/pods`);
      return pods.pods.length > 0;
    });
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });
});
