import type { CliIo } from './cli-io.ts';
import { renderProgress, type ImportProgress } from './import-progress.ts';

/** Where `exectree import` reports: results on stdout, problems and progress on stderr. */
export interface ImportOutput {
  result(line: string): void;
  problem(line: string): void;
  progress(state: ImportProgress): void;
  /** Removes the progress line, if one is shown. */
  done(): void;
}

const REDRAW_MS = 100;
const DEFAULT_COLUMNS = 80;

/** A progress line redrawn in place when stderr is a terminal; plain lines otherwise. */
export function createImportOutput(
  io: Pick<CliIo, 'stdout' | 'stderr'>,
  now: () => number = () => performance.now(),
): ImportOutput {
  const terminal = io.stderr as { isTTY?: boolean; columns?: number };
  const tty = terminal.isTTY === true;
  let shown = false;
  let lastDraw = Number.NEGATIVE_INFINITY;
  const clear = () => {
    if (shown) io.stderr.write('\r\x1b[K');
    shown = false;
  };
  return {
    result(line) {
      clear();
      io.stdout.write(`${line}\n`);
    },
    problem(line) {
      clear();
      io.stderr.write(`${line}\n`);
    },
    progress(state) {
      const time = now();
      if (!tty || time - lastDraw < REDRAW_MS) return;
      lastDraw = time;
      io.stderr.write(`\r${renderProgress(state, terminal.columns ?? DEFAULT_COLUMNS)}\x1b[K`);
      shown = true;
    },
    done: clear,
  };
}
