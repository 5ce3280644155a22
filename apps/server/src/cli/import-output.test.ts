import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { createImportOutput } from './import-output.ts';
import { duration, renderProgress, type ImportProgress } from './import-progress.ts';

const state: ImportProgress = {
  file: 'tetragon.log',
  index: 1,
  files: 2,
  doneBytes: 25_000_000,
  totalBytes: 100_000_000,
  events: 30_000,
  elapsedMs: 1_000,
};

function capture(stream: PassThrough): () => string {
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return () => text;
}

describe('import progress line', () => {
  it('shows a bar, percentage, MB, events/s, ETA and the file, fitted to the terminal', () => {
    const text = ' 25.0%  25.0/100.0 MB  30,000 events/s  ETA 0:03  tetragon.log (1/2)';
    const bar = `[${'#'.repeat(8)}${'-'.repeat(22)}]  `;
    expect(renderProgress(state, 200)).toBe(`${bar}${text}`);
    expect(renderProgress(state, bar.length + text.length + 1)).toBe(`${bar}${text}`);
    expect(renderProgress(state, bar.length + text.length)).toBe(text);
    expect(renderProgress(state, 22)).toBe(' 25.0%  25.0/100.0 MB');
    expect(renderProgress({ ...state, doneBytes: 0, files: 1 }, 200)).toMatch(
      /0\.0%.*ETA -:-- {2}tetragon\.log$/,
    );
    expect([duration(0), duration(61.4), duration(3 * 3600 + 5)]).toEqual([
      '0:00',
      '1:01',
      '3:00:05',
    ]);
  });

  it('redraws at most every 100 ms on a terminal and clears before other lines', () => {
    const stdout = new PassThrough();
    const stderr = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    const out = capture(stdout);
    const err = capture(stderr);
    let now = 0;
    const output = createImportOutput({ stdout, stderr }, () => now);
    for (const time of [0, 50, 99, 100, 150]) {
      now = time;
      output.progress(state);
    }
    expect(err().split('\r[').length - 1).toBe(2);
    output.problem('x.log: line 3: bad');
    output.result('x.log: done');
    output.done();
    expect(err().endsWith('\r\x1b[Kx.log: line 3: bad\n')).toBe(true);
    expect(out()).toBe('x.log: done\n');
  });

  it('prints only plain lines when stderr is not a terminal', () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const err = capture(stderr);
    const output = createImportOutput({ stdout, stderr });
    output.progress(state);
    output.problem('x.log: line 3: bad');
    output.done();
    expect(err()).toBe('x.log: line 3: bad\n');
  });
});
