/** What the progress line shows; bytes are bytes read from disk (compressed for .gz). */
export interface ImportProgress {
  file: string;
  /** 1-based position of `file` among `files`. */
  index: number;
  files: number;
  doneBytes: number;
  totalBytes: number;
  events: number;
  elapsedMs: number;
}

/** Fixed, so the bar does not jump as the numbers after it change length. */
const BAR_WIDTH = 30;

/** One terminal line: `[####----]  45.2%  47.4/104.9 MB  31,200 events/s  ETA 0:03  FILE (1/2)`. */
export function renderProgress(progress: ImportProgress, columns: number): string {
  const { doneBytes, totalBytes, elapsedMs } = progress;
  const ratio = totalBytes > 0 ? Math.min(1, doneBytes / totalBytes) : 1;
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(progress.events / seconds) : 0;
  const eta =
    doneBytes > 0 && seconds > 0
      ? duration(((totalBytes - doneBytes) * seconds) / doneBytes)
      : '-:--';
  const label =
    progress.files > 1 ? `${progress.file} (${progress.index}/${progress.files})` : progress.file;
  const text =
    `${(ratio * 100).toFixed(1).padStart(5)}%  ${megabytes(doneBytes)}/${megabytes(totalBytes)} MB  ` +
    `${rate.toLocaleString('en-US')} events/s  ETA ${eta}  ${label}`;
  // The last column stays free: writing there makes some terminals wrap.
  const room = columns - 1 - text.length - '[]  '.length;
  if (room < BAR_WIDTH) return text.slice(0, Math.max(0, columns - 1));
  const filled = Math.round(ratio * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]  ${text}`;
}

export function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

/** m:ss, or h:mm:ss from an hour on. */
export function duration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const s = String(total % 60).padStart(2, '0');
  const m = Math.floor(total / 60) % 60;
  const h = Math.floor(total / 3600);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
