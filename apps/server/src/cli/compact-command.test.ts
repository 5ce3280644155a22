import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { formatCompact } from '@exectree/domain';
import { describe, expect, it } from 'vitest';
import { runCompactCommand } from './compact-command.ts';

const fixtures = join(import.meta.dirname, '../../test/fixtures');
const fixture = (name: string) => join(fixtures, name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');

const SAMPLES = [
  'book-secobs-ebpf-events.jsonl',
  'docs-curl-exec-without-clone.jsonl',
  'docs-kprobe-events.jsonl',
  'docs-throttle-events.jsonl',
  'docs-whoami-exec-exit.jsonl',
  'testdata-events.jsonl',
];

interface Run {
  code: number;
  out: string[];
  err: string[];
}

function collect(stream: PassThrough): () => string[] {
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return () => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
}

async function run(argv: string[], stdinText = ''): Promise<Run> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  stdin.end(stdinText);
  const code = await runCompactCommand(argv, { stdin, stdout, stderr });
  await tick();
  return { code, out: out(), err: err() };
}

const WHOAMI = [
  '🚀 process default/xwing /usr/bin/whoami --version',
  '💥 exit    default/xwing /usr/bin/whoami --version 0',
];

describe('exectree compact: input', () => {
  it('prints the whoami workflow from stdin, "-" and a FILE alike', async () => {
    const text = read('docs-whoami-exec-exit.jsonl');
    for (const result of [
      await run([], text),
      await run(['-'], text),
      await run([fixture('docs-whoami-exec-exit.jsonl')]),
    ]) {
      expect(result).toEqual({ code: 0, out: WHOAMI, err: [] });
    }
  });

  it('prints timestamps with nanoseconds, the epoch for a line without time', async () => {
    const result = await run(['--timestamps', fixture('testdata-events.jsonl')]);
    expect(result.out).toEqual([
      '1970-01-01T00:00:00.000000000Z 🚀 process default/tiefighter /usr/bin/netserver -D',
      '2022-10-18T03:16:21.373327754Z 🚀 process default/deathstar-6f87496b94-qdlh8 /starwars-docker "--port 80 --host 0.0.0.0"',
      '2022-10-18T03:16:22.225264791Z 🚀 process default/deathstar-6f87496b94-gjf74 /starwars-docker "--port 80 --host 0.0.0.0"',
    ]);
  });

  it('reports malformed lines as "line N: reason" and keeps going', async () => {
    const [exec, exit] = read('docs-whoami-exec-exit.jsonl').trim().split('\n');
    const text = [exec, '{"process_exec": oops', '', '42', '["x"]', `${exit}\r`].join('\n');
    const result = await run([], text);
    expect(result.code).toBe(0);
    expect(result.out).toEqual(WHOAMI);
    expect(result.err).toHaveLength(3);
    expect(result.err[0]).toMatch(/^line 2: .*JSON/);
    expect(result.err.slice(1)).toEqual(['line 4: not a JSON object', 'line 5: not a JSON object']);
  });

  it('streams: a line is printed before the input ends', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out = collect(stdout);
    let finished = false;
    const done = runCompactCommand([], { stdin, stdout, stderr }).finally(() => (finished = true));
    const [exec, exit] = read('docs-whoami-exec-exit.jsonl').trim().split('\n');
    stdin.write(`${exec}\n`);
    while (out().length === 0 && !finished) await tick();
    expect(out()).toEqual(WHOAMI.slice(0, 1));
    expect(finished).toBe(false);
    stdin.end(`${exit}\n`);
    expect(await done).toBe(0);
    await tick();
    expect(out()).toEqual(WHOAMI);
  });

  it('waits for a slow reader instead of buffering everything', async () => {
    const line = read('docs-whoami-exec-exit.jsonl').trim().split('\n')[0] ?? '';
    const count = 2000;
    const stdin = new PassThrough();
    const stdout = new PassThrough({ highWaterMark: 1024 });
    const stderr = new PassThrough();
    stdin.end(`${line}\n`.repeat(count));
    const done = runCompactCommand([], { stdin, stdout, stderr });
    let received = 0;
    for await (const chunk of stdout.setEncoding('utf8')) {
      received += (chunk as string).split('\n').length - 1;
      if (received === count) break;
    }
    expect(await done).toBe(0);
    expect(received).toBe(count);
  });

  it('fails with exit code 1 when FILE cannot be read', async () => {
    const result = await run([fixture('no-such-file.jsonl')]);
    expect(result.code).toBe(1);
    expect(result.out).toEqual([]);
    expect(result.err).toEqual([expect.stringMatching(/^exectree compact: cannot read .*ENOENT/)]);
  });

  it('stops quietly when stdout is a closed pipe', async () => {
    const broken = (code: string) =>
      new Writable({
        write(_chunk, _encoding, callback) {
          callback(Object.assign(new Error(`write ${code}`), { code }));
        },
      });
    const stderr = new PassThrough();
    const err = collect(stderr);
    const io = (stdout: Writable) => ({ stdin: new PassThrough(), stdout, stderr });
    const file = fixture('book-secobs-ebpf-events.jsonl');
    expect(await runCompactCommand([file], io(broken('EPIPE')))).toBe(0);
    await tick();
    expect(err()).toEqual([]);
    expect(await runCompactCommand([file], io(broken('EIO')))).toBe(1);
    await tick();
    expect(err()).toEqual(['exectree compact: cannot write output: write EIO']);
  });
});

describe('exectree compact: filters', () => {
  const kprobes = fixture('docs-kprobe-events.jsonl');

  it('keeps only the given namespaces, "" meaning host processes', async () => {
    const demo = await run(['--namespace', 'demo-app', kprobes]);
    expect(demo.out).toEqual([
      '❓ syscall demo-app/test-pod /bin/mount security_kernel_module_request',
    ]);
    const host = await run(['-n', '', '--namespace', 'demo-app', kprobes]);
    expect(host.out).toHaveLength(7);
    expect(host.out.every((line) => !line.includes('default/'))).toBe(true);
  });

  it('matches pod names and binaries by regex, all filters together', async () => {
    const pods = await run(['--pod', '^file-', '--pod', 'test-pod', kprobes]);
    expect(pods.out).toEqual([
      '📝 write   default/file-access /bin/vi /etc/passwd',
      '❓ syscall demo-app/test-pod /bin/mount security_kernel_module_request',
    ]);
    const both = await run(['--namespace', 'default', '--process', '(?i)/BIN/SU$', kprobes]);
    expect(both.out).toEqual([
      '❓ syscall default/xwing /bin/su __x64_sys_setgid',
      '🔑 setuid  default/xwing /bin/su 0',
    ]);
  });

  it('prints throttle events only without filters', async () => {
    const throttle = fixture('docs-throttle-events.jsonl');
    expect((await run([throttle])).out).toEqual([
      '🧬 throttle START session-429.scope',
      '🧬 throttle STOP  session-429.scope',
    ]);
    expect((await run(['--process', '.', throttle])).out).toEqual([]);
  });
});

describe('exectree compact: arguments', () => {
  it('rejects a bad regex with one line naming the flag and exit code 2', async () => {
    for (const flag of ['--pod', '--process']) {
      const result = await run([flag, '(unclosed', '-']);
      expect(result.code).toBe(2);
      expect(result.out).toEqual([]);
      expect(result.err).toHaveLength(1);
      expect(result.err[0]).toContain(`invalid ${flag} regex "(unclosed"`);
    }
  });

  it('rejects unknown options, missing values and extra files with exit code 2', async () => {
    for (const argv of [['--bogus'], ['--namespace'], ['a.jsonl', 'b.jsonl']]) {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.err).toEqual([expect.stringMatching(/^exectree compact: /)]);
    }
  });

  it('prints help on --help, whatever else is given', async () => {
    expect((await run(['--pod', '(', '-h'])).code).toBe(0);
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out[0]).toBe('Usage: exectree compact [options] [FILE|-]');
    expect(result.out.join('\n')).toMatch(
      /--namespace[\s\S]*--pod[\s\S]*--process[\s\S]*--timestamps/,
    );
  });
});

describe('exectree compact: every sample file', () => {
  it.each(SAMPLES)('%s prints what formatCompact gives for each line', async (name) => {
    const expected = read(name)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => formatCompact(JSON.parse(line) as unknown, { timestamps: false }))
      .filter((line) => line !== undefined);
    const result = await run([fixture(name)]);
    expect(result).toEqual({ code: 0, out: expected, err: [] });
  });

  it('skips the events tetra cannot print (enterprise kinds in the book sample)', async () => {
    const result = await run([fixture('book-secobs-ebpf-events.jsonl')]);
    expect(result.out).toHaveLength(29);
    expect(result.out[0]).toBe(
      '📝 write   tenant-jobs/elasticsearch-56f8fc6988-sh8rm /usr/bin/vi etc/passwd 627 bytes',
    );
    expect(result.out).toContain(
      '💥 exit    minikube /bin/sh "-c \\"7z a s3nsitiv3.7z ../ops_bank_accounts/\\"" 0',
    );
  });
});
