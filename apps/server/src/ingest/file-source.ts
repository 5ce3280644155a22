import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Log } from '../log.ts';
import type { EventStore, FileCursor } from '../store/event-store.ts';
import type { LinePosition } from './file/byte-line-splitter.ts';
import { fileIdOf, fingerprint } from './file/fingerprint.ts';
import { LiveFile, type Commit } from './file/live-file.ts';
import { readFileLines } from './file/read-file-lines.ts';
import { planResume, type BackupRead } from './file/resume-plan.ts';
import { message, type IngestPipeline } from './pipeline.ts';
import type { Source } from './source.ts';
import type { SourceTracker } from './source-status.ts';

export interface FileSourceOptions {
  path: string;
  tracker: SourceTracker;
  pipeline: IngestPipeline;
  /** Where the position reached in the file survives a restart. */
  cursors: Pick<EventStore, 'readCursor'>;
  log: Log;
  /** fs.watch misses events on some file systems (NFS, some containers); polling catches up. */
  pollIntervalMs?: number;
  chunkBytes?: number;
  /** Longer lines are discarded as they arrive and rejected (`--max-line`). */
  maxLineBytes?: number;
}

const DEFAULT_POLL_MS = 1_000;
/** Each chunk is committed in one turn of the event loop: its size bounds that turn. */
const FOLLOW_CHUNK_BYTES = 256 * 1024;

/**
 * Follows a file like `tail -F`, across rotation and restarts. Every batch is stored with the
 * position after it, so a restart continues there. When the file is renamed away (Tetragon
 * rotates `tetragon.log` to `tetragon-TIME.log[.gz]`) the old file is read to its end before
 * the new one is read from the start; when it shrinks it is read again from the start. Lines
 * rotated away while exectree was down are read from the rotated copy.
 */
export function createFileSource(options: FileSourceOptions): Source {
  const { path, tracker, pipeline, log } = options;
  const key = resolve(path);
  const buffer = Buffer.alloc(options.chunkBytes ?? FOLLOW_CHUNK_BYTES);
  let current: LiveFile | undefined;
  /** The last committed cursor; read from the store before the first open. */
  let last: FileCursor | undefined;
  let loaded = false;
  /** `last` is the very end of its file. */
  let finished = false;
  let opened = false;
  let watcher: FSWatcher | undefined;
  let poller: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  const isStopped = () => stopped;

  const fail = (text: string) => {
    if (tracker.lastError !== text) log(`${tracker.id}: ${text}`);
    tracker.lastError = text;
  };

  const committer =
    (file: { fileId: string; prefix: Buffer }): Commit =>
    (lines, end) => {
      const cursor = {
        path: key,
        fileId: file.fileId,
        fingerprint: fingerprint(file.prefix, end.offset),
        ...end,
      };
      const moved = () => {
        last = cursor;
        finished = false;
      };
      const { committed } = pipeline.ingest(tracker, lines, cursor);
      if (committed === undefined) return moved();
      return committed.then(moved);
    };

  const watchFile = () => {
    dropWatcher();
    try {
      watcher = watch(path, { persistent: false }, (event) => {
        // After a rename the watch follows the old inode; polling notices the new file.
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

  const readBackup = async (backup: BackupRead) => {
    log(`${tracker.id}: reading the rotated ${backup.path} from line ${backup.from.line + 1}`);
    let storeFailed = false;
    const commit = committer(backup);
    try {
      await readFileLines(backup.path, {
        from: backup.from,
        batchLines: 1,
        chunkBytes: buffer.length,
        ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
        stopped: isStopped,
        async onBatch(lines, end) {
          try {
            await commit(lines, end);
          } catch (error) {
            storeFailed = true;
            throw error;
          }
        },
      });
      finished = !stopped;
    } catch (error) {
      if (storeFailed) throw error;
      log(`${tracker.id}: cannot read ${backup.path}: ${message(error)}; skipping it`);
    }
  };

  /** Before reading the live file: what the cursor says is left to read, wherever it is now. */
  const catchUp = async (file: LiveFile) => {
    const plan = await planResume(path, last, file, finished);
    if (plan.kind === 'live') {
      file.seek(plan.from);
      if (plan.from.offset > 0) log(`${tracker.id}: resuming ${at(plan.from)}`);
    } else if (plan.kind === 'backups') {
      for (const backup of plan.backups) {
        if (!stopped) await readBackup(backup);
      }
    } else if (last !== undefined && !opened) {
      log(
        `${tracker.id}: ${path} is not the file read before and no rotated copy of it matches; reading it from the start`,
      );
    }
    opened = true;
  };

  const openLive = async (): Promise<LiveFile | undefined> => {
    if (!loaded) {
      last = await options.cursors.readCursor(key);
      loaded = true;
    }
    let file: LiveFile;
    try {
      file = await LiveFile.open(path, options.maxLineBytes);
    } catch (error) {
      tracker.connected = false;
      fail(`cannot read ${path}: ${message(error)}`);
      return undefined;
    }
    try {
      await catchUp(file);
    } catch (error) {
      await file.close();
      throw error;
    }
    tracker.connected = true;
    tracker.lastError = null;
    watchFile();
    return file;
  };

  const readOnce = async () => {
    current ??= await openLive();
    const file = current;
    if (file === undefined || stopped) return;
    const commit = committer(file);
    await file.drain(buffer, commit, isStopped);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || fileIdOf(info) !== file.fileId) {
      // Lines written between the last read and the rename are still in the old file.
      await file.drain(buffer, commit, isStopped);
      if (stopped) return;
      await file.finish(commit);
      finished = true;
      log(
        `${tracker.id}: ${path} was rotated; read the old file to its end (line ${last?.line ?? 0})`,
      );
      await closeCurrent();
      if (info !== undefined) again = true;
    } else if (info.size < file.bytesRead) {
      log(`${tracker.id}: ${path} shrank, reading it from the start`);
      await closeCurrent();
      again = true;
    }
  };

  const closeCurrent = async () => {
    const file = current;
    current = undefined;
    tracker.connected = false;
    await file?.close();
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
      await closeCurrent();
    },
  };
}

function at(position: LinePosition): string {
  return `at line ${position.line + 1} (byte ${position.offset})`;
}
