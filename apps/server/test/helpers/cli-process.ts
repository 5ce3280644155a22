import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait-for.ts';

export const BIN = fileURLToPath(new URL('../../bin/exectree.js', import.meta.url));

export interface CliProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Waits for the "listening on" line and returns the URL. */
  listening: () => Promise<string>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** Runs `node bin/exectree.js ...args` in `cwd`, without any EXECTREE_* from the outside. */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliProcess {
  const cleanEnv = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('EXECTREE_')),
  );
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...cleanEnv, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = once(child, 'exit').then(([code]) => {
    running.delete(child);
    return typeof code === 'number' ? code : null;
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    listening: () =>
      Promise.race([
        waitFor('the listening line', () => /^listening on (http:\/\/\S+)\n/m.exec(stdout)?.[1], {
          timeoutMs: 15_000,
        }),
        exited.then((code) => {
          throw new Error(`exectree exited with ${code} before listening: ${stderr}`);
        }),
      ]),
  };
}

/** Kills whatever a failed test left running. */
export function killLeftovers(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
