import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { exited, track } from './children.ts';
import { onLines, Tail } from './lines.ts';
import { REPO_ROOT } from './paths.ts';

export interface TimedRun {
  ms: number;
  code: number | null;
  /** Standard output when it was captured, else "". */
  stdout: string;
  stderr: string;
}

export interface TimedOptions {
  /** Where standard output goes: kept in memory (small outputs) or a file. */
  stdout?: { capture: true } | { file: string };
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs a command to completion and measures its wall-clock time from spawn to exit. */
export async function runTimed(
  command: string,
  args: readonly string[],
  options: TimedOptions = {},
): Promise<TimedRun> {
  const out = options.stdout;
  const start = performance.now();
  const child = track(
    spawn(command, args, {
      cwd: REPO_ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', out === undefined ? 'ignore' : 'pipe', 'pipe'],
    }),
  );
  let stdout = '';
  if (out !== undefined && child.stdout) {
    if ('file' in out) child.stdout.pipe(createWriteStream(out.file));
    else child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  }
  const stderr = new Tail(20);
  if (child.stderr) onLines(child.stderr, (line) => stderr.push(line));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
  await exited(child);
  const ms = performance.now() - start;
  clearTimeout(timer);
  return { ms, code: child.exitCode, stdout, stderr: stderr.text() };
}

/** runTimed, but a non-zero exit is an error carrying the command's stderr. */
export async function runChecked(
  command: string,
  args: readonly string[],
  options: TimedOptions = {},
): Promise<TimedRun> {
  const run = await runTimed(command, args, options);
  if (run.code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${run.code}\n${run.stderr}`);
  }
  return run;
}
