import { watch, type FSWatcher } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Log } from '../log.ts';
import { LineSplitter } from './line-splitter.ts';
import { message, type IngestPipeline } from './pipeline.ts';
import type { Source } from './source.ts';
import type { SourceTracker } from './source-status.ts';

export interface FileSourceOptions {
  path: string;
  tracker: SourceTracker;
  pipeline: IngestPipeline;
  log: Log;
  /** fs.watch misses events on some file systems (NFS, some containers); polling catches up. */
  pollIntervalMs?: number;
  chunkBytes?: number;
}

const DEFAULT_POLL_MS = 1_000;
const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/**
 * Follows a file like `tail -F`: reads it from the start, then whatever is appended. A file
 * that shrinks or is replaced is read again from the start; a missing file is waited for.
 */
export function createFileSource(options: FileSourceOptions): Source {
  const { path, tracker, pipeline, log } = options;
  const splitter = new LineSplitter();
  const buffer = Buffer.alloc(options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  let position = 0;
  let inode: number | undefined;
  let watcher: FSWatcher | undefined;
  let poller: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;

  const fail = (text: string) => {
    if (tracker.lastError !== text) log(`${tracker.id}: ${text}`);
    tracker.lastError = text;
  };

  const ensureWatcher = () => {
    if (watcher || stopped) return;
    try {
      watcher = watch(path, { persistent: false }, (event) => {
        // After a rename the watch follows the old inode; polling re-attaches to the new file.
        if (event === 'rename') dropWatcher();
        schedule();
      });
      watcher.on('error', () => dropWatcher());
    } catch {
      watcher = undefined;
    }
  };

  const dropWatcher = () => {
    watcher?.close();
    watcher = undefined;
  };

  const restart = () => {
    position = 0;
    splitter.reset();
  };

  const readOnce = async () => {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      tracker.connected = false;
      fail(`cannot read ${path}: ${message(error)}`);
      return;
    }
    if (inode !== undefined && info.ino !== inode) {
      log(`${tracker.id}: ${path} was replaced, reading it from the start`);
      restart();
    } else if (info.size < position) {
      log(`${tracker.id}: ${path} shrank, reading it from the start`);
      restart();
    }
    inode = info.ino;
    ensureWatcher();
    if (info.size === position && tracker.connected) return;

    const handle = await open(path, 'r');
    try {
      tracker.connected = true;
      tracker.lastError = null;
      while (!stopped) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        const lines = splitter.push(buffer.subarray(0, bytesRead));
        if (lines.length > 0) pipeline.ingest(tracker, lines);
      }
    } finally {
      await handle.close();
    }
  };

  const run = async () => {
    do {
      again = false;
      try {
        await readOnce();
      } catch (error) {
        fail(message(error));
      }
    } while (again && !stopped);
  };

  const schedule = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = undefined;
    });
  };

  return {
    tracker,
    start() {
      schedule();
      poller = setInterval(schedule, options.pollIntervalMs ?? DEFAULT_POLL_MS);
    },
    async stop() {
      stopped = true;
      clearInterval(poller);
      dropWatcher();
      await running;
      tracker.connected = false;
    },
  };
}
