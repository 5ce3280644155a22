import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InfoResponse, ProcessDetailResponse, SourceStatus } from '@exectree/domain';
import { CURL, TESTDATA, WHOAMI, WHOAMI_EXEC_ID, fixtureLines } from './helpers/fixtures.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { getJson, startTestServer, type TestServer } from './helpers/test-server.ts';
import { waitFor } from './helpers/wait-for.ts';

let server: TestServer | undefined;
let temp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  temp = makeTempDir();
});

afterEach(async () => {
  await server?.stop();
  server = undefined;
  temp.cleanup();
});

async function fileStatus(s: TestServer): Promise<SourceStatus | undefined> {
  const info = await getJson<InfoResponse>(s, '/api/v1/info');
  return info.body.sources.find((source) => source.kind === 'file');
}

async function whoamiState(s: TestServer): Promise<string | undefined> {
  const detail = await getJson<ProcessDetailResponse>(
    s,
    `/api/v1/processes/${encodeURIComponent(WHOAMI_EXEC_ID)}`,
  );
  return detail.status === 200 ? detail.body.process.state : undefined;
}

describe('file source', () => {
  it('follows appended lines, holding a partial line until its newline arrives', async () => {
    const path = join(temp.dir, 'tetragon.log');
    const [exec, exit] = fixtureLines(WHOAMI);
    const [other] = fixtureLines(TESTDATA);
    if (!exec || !exit || !other) throw new Error('fixture lines missing');
    writeFileSync(path, `${exec}\n`);

    server = await startTestServer({ files: [path], filePollIntervalMs: 50 });
    const s = server;
    await waitFor('whoami running', async () => (await whoamiState(s)) === 'running');

    // One write: a complete line, then the first half of the exit line.
    const half = Math.floor(exit.length / 2);
    appendFileSync(path, `${other}\n${exit.slice(0, half)}`);
    await waitFor('second line read', async () => (await fileStatus(s))?.linesRead === 2);
    expect(await whoamiState(s)).toBe('running');

    appendFileSync(path, `${exit.slice(half)}\n`);
    await waitFor('whoami exited', async () => (await whoamiState(s)) === 'exited');
    expect(await fileStatus(s)).toMatchObject({
      id: `file:${path}`,
      target: path,
      connected: true,
      linesRead: 3,
      accepted: 3,
      rejected: 0,
      lastError: null,
    });
  });

  it('starts again from the beginning when the file shrinks', async () => {
    const path = join(temp.dir, 'rotating.log');
    writeFileSync(path, `${fixtureLines(WHOAMI).join('\n')}\n`);
    server = await startTestServer({ files: [path], filePollIntervalMs: 50 });
    const s = server;
    await waitFor('whoami exited', async () => (await whoamiState(s)) === 'exited');

    writeFileSync(path, `${fixtureLines(CURL).join('\n')}\n`);
    await waitFor('curl ingested', async () => {
      const info = await getJson<InfoResponse>(s, '/api/v1/info');
      return s.engine.store.count() === 3 && info.body.sources[1]?.accepted === 3;
    });
    expect(s.logs).toContainEqual(expect.stringMatching(/shrank, reading it from the start/));
  });

  it('waits for a missing file and reports lines it rejects', async () => {
    const path = join(temp.dir, 'later.log');
    server = await startTestServer({ files: [path], filePollIntervalMs: 50 });
    const s = server;
    await waitFor('missing reported', async () =>
      (await fileStatus(s))?.lastError?.includes('ENOENT'),
    );
    expect((await fileStatus(s))?.connected).toBe(false);

    writeFileSync(path, `garbage\n${fixtureLines(WHOAMI).join('\n')}\n`);
    await waitFor('file read', async () => (await fileStatus(s))?.accepted === 2);
    expect(await fileStatus(s)).toMatchObject({ connected: true, rejected: 1, lastError: null });
    expect(s.logs).toContainEqual(expect.stringMatching(new RegExp(`^file:${path}: line 1: `)));
  });

  it('continues where it stopped when the server restarts on the same database', async () => {
    const path = join(temp.dir, 'tetragon.log');
    const db = join(temp.dir, 'exectree.db');
    const [exec, exit] = fixtureLines(WHOAMI);
    writeFileSync(path, `${exec}\n`);
    const first = await startTestServer({ db, files: [path], filePollIntervalMs: 50 });
    await waitFor('first line read', async () => (await fileStatus(first))?.accepted === 1);
    await first.stop();

    appendFileSync(path, `${exit}\n`);
    server = await startTestServer({ db, files: [path], filePollIntervalMs: 50 });
    const s = server;
    await waitFor('whoami exited', async () => (await whoamiState(s)) === 'exited');
    expect(await fileStatus(s)).toMatchObject({ linesRead: 1, accepted: 1 });
    expect(s.logs).toContainEqual(expect.stringMatching(/resuming at line 2 \(byte \d+\)/));
  });
});
