import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { tryParseEvent } from '../test-support/events.ts';
import { runSimulateCommand } from './simulate-command.ts';

/** A writable that keeps what it gets; `slow` makes it apply backpressure. */
class Capture extends Writable {
  text = '';

  constructor(slow = false) {
    super({ highWaterMark: slow ? 1024 : 16 * 1024 });
    this.slow = slow;
  }

  private readonly slow: boolean;

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    this.text += chunk.toString();
    if (this.slow) setImmediate(done);
    else done();
  }
}

async function run(
  argv: string[],
  slow = false,
): Promise<{ code: number; out: string; err: string }> {
  const stdout = new Capture(slow);
  const stderr = new Capture();
  const code = await runSimulateCommand(argv, { stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}

const dir = mkdtempSync(join(tmpdir(), 'exectree-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('exectree simulate', () => {
  it('writes exactly --events lines, each a JSON event ending in a newline', async () => {
    const { code, out, err } = await run(['--events', '250']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out.endsWith('\n')).toBe(true);
    const lines = out.slice(0, -1).split('\n');
    expect(lines).toHaveLength(250);
    for (const line of lines) expect(tryParseEvent(line)).toBeDefined();
  });

  it('writes whole lines up to --bytes, waiting for a slow reader', async () => {
    const { code, out } = await run(['--bytes=256k', '--seed', '4'], true);
    expect(code).toBe(0);
    const bytes = Buffer.byteLength(out);
    expect(bytes).toBeLessThanOrEqual(256 * 1024);
    expect(bytes).toBeGreaterThan(256 * 1024 - 4_000);
    expect(out.endsWith('\n')).toBe(true);
  });

  it('is reproducible per seed, and defaults to seed 1', async () => {
    const a = await run(['--seed', '3', '--events', '100']);
    const b = await run(['--seed=3', '--events=100']);
    const c = await run(['--events', '100']);
    const d = await run(['--seed', '1', '--events', '100']);
    expect(a.out).toBe(b.out);
    expect(a.out).not.toBe(c.out);
    expect(c.out).toBe(d.out);
  });

  it('adds chaos on request', async () => {
    const { code, out } = await run(['--events', '3000', '--chaos']);
    expect(code).toBe(0);
    const lines = out.slice(0, -1).split('\n');
    expect(lines).toHaveLength(3000);
    expect(lines.some((line) => tryParseEvent(line) === undefined)).toBe(true);
  });

  it('writes to --out instead of stdout', async () => {
    const file = join(dir, 'events.jsonl');
    const { code, out } = await run(['--events', '40', '--out', file]);
    expect(code).toBe(0);
    expect(out).toBe('');
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(41);
  });

  it('prints usage for --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: exectree simulate');
  });

  it.each([
    [[]],
    [['--events', 'ten']],
    [['--events', '5', '--bytes', '1k']],
    [['--bytes', 'lots']],
    [['--seed', '-3', '--events', '5']],
    [['--events']],
    [['--frobnicate']],
  ])('exits 2 with a message for bad arguments %j', async (argv) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^exectree simulate: /);
  });

  it('exits 1 when the output file cannot be written', async () => {
    const { code, err } = await run(['--events', '5', '--out', join(dir, 'missing', 'x.jsonl')]);
    expect(code).toBe(1);
    expect(err).toContain('ENOENT');
  });
});
