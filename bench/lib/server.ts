import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { stopChild, track } from './children.ts';
import { onLines, Tail } from './lines.ts';
import { EXECTREE_BIN, REPO_ROOT, GC_AGENT } from './paths.ts';
import { readRss } from './rss.ts';
import { keepEverything } from './serve-help.ts';

export interface ServerOptions {
  /** `serve` arguments besides --host and --port, e.g. ['--db', path, '--no-demo']. */
  args: readonly string[];
  /** Extra node flags, given before the script (some, like --cpu-prof, NODE_OPTIONS refuses). */
  nodeArgs?: readonly string[];
  /** Preload the GC agent so that `memory()` can force a full collection first. */
  gcAgent?: boolean;
  /** How long to wait for the `listening on` line. */
  startTimeoutMs?: number;
}

export interface ServerMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  heapLimit: number;
}

export interface ServerHandle {
  url: string;
  pid: number;
  child: ChildProcess;
  /** performance.now() at spawn and at the `listening on` line. */
  spawnedAt: number;
  listeningAt: number;
  /** Full GC in the server (needs `gcAgent`), then its VmRSS and heap figures. */
  memory(): Promise<ServerMemory>;
  stderr(): string;
  stop(): Promise<void>;
}

const LISTENING = /^listening on (http:\/\/\S+)/;
const GC_LINE = /^bench-gc (\{.*\})$/;

function nodeArgsFor(options: ServerOptions): string[] {
  const flags = [...(options.nodeArgs ?? [])];
  if (options.gcAgent) flags.push('--expose-gc', `--import=${pathToFileURL(GC_AGENT).href}`);
  return flags;
}

/**
 * Starts `exectree serve` on 127.0.0.1, port 0, with retention off (see keepEverything),
 * and resolves once it is listening.
 */
export async function startServer(options: ServerOptions): Promise<ServerHandle> {
  const retention = (await keepEverything()).args;
  const spawnedAt = performance.now();
  const child = track(
    spawn(
      process.execPath,
      [
        ...nodeArgsFor(options),
        EXECTREE_BIN,
        'serve',
        '--host',
        '127.0.0.1',
        '--port',
        '0',
        ...retention,
        ...options.args,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  const stderr = new Tail(30);
  const gcWaiters: ((json: string) => void)[] = [];
  if (child.stderr) onLines(child.stderr, (line) => stderr.push(line));

  return new Promise<ServerHandle>((resolve, reject) => {
    const timeoutMs = options.startTimeoutMs ?? 120_000;
    const fail = (why: string) => {
      clearTimeout(timer);
      void stopChild(child, 1000);
      reject(new Error(`exectree serve ${why}\n${stderr.text()}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${timeoutMs} ms`), timeoutMs);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited (${signal ?? code}) before listening`);
    child.once('exit', onExit);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
    if (!child.stdout || child.pid === undefined) {
      fail('has no stdout');
      return;
    }
    const pid = child.pid;
    onLines(child.stdout, (line) => {
      const gc = GC_LINE.exec(line);
      if (gc) {
        gcWaiters.shift()?.(gc[1] ?? '{}');
        return;
      }
      const listening = LISTENING.exec(line);
      if (!listening) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGTERM' && signal !== 'SIGKILL' && code !== 0) {
          console.error(
            `exectree serve (pid ${pid}) exited unexpectedly (${signal ?? code}):\n${stderr.text()}`,
          );
        }
      });
      resolve({
        url: listening[1] ?? '',
        pid,
        child,
        spawnedAt,
        listeningAt: performance.now(),
        stderr: () => stderr.text(),
        // A clean close checkpoints SQLite's WAL, which takes a while after a big ingest.
        stop: () => stopChild(child, 60_000),
        memory: () =>
          new Promise<ServerMemory>((done, failed) => {
            if (!options.gcAgent) {
              failed(new Error('memory() needs the server started with gcAgent'));
              return;
            }
            const guard = setTimeout(() => failed(new Error('no answer to SIGUSR2')), 120_000);
            gcWaiters.push((json) => {
              clearTimeout(guard);
              const usage = JSON.parse(json) as Omit<ServerMemory, 'rss'>;
              done({ ...usage, rss: readRss(pid) });
            });
            child.kill('SIGUSR2');
          }),
      });
    });
  });
}
