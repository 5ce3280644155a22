import { EXECTREE_BIN } from './paths.ts';
import { runChecked } from './timed-process.ts';

let cached: Promise<string> | undefined;

/** `exectree serve --help`, to adapt to flags that other engineers are adding. */
export function serveHelp(): Promise<string> {
  cached ??= runChecked(process.execPath, [EXECTREE_BIN, 'serve', '--help'], {
    stdout: { capture: true },
  }).then((run) => run.stdout);
  return cached;
}

/** The help text of one flag (its line and the indented lines after it), or undefined. */
export function flagHelp(help: string, flag: string): string | undefined {
  const lines = help.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^\\s*(-\\w, )?${flag}\\b`).test(line));
  if (start < 0) return undefined;
  const out = [lines[start] ?? ''];
  for (const line of lines.slice(start + 1)) {
    if (!/^\s{6,}\S/.test(line) || /^\s*-/.test(line)) break;
    out.push(line);
  }
  return out.map((l) => l.trim()).join(' ');
}

export interface RetentionChoice {
  args: string[];
  /** For the report: what was passed and why. */
  note: string;
}

/**
 * Benchmarks keep every event: the server's default retention deletes ended processes older
 * than a week and the oldest ones past a database size, and the bench's data may be older or
 * larger. Each retention flag that exists is given 0 when its help says 0 turns it off.
 */
export async function keepEverything(): Promise<RetentionChoice> {
  const help = await serveHelp();
  const args: string[] = [];
  for (const flag of ['--retention-age', '--retention-size']) {
    const text = flagHelp(help, flag);
    if (text === undefined) continue;
    if (!/\b0 = (keep forever|no limit)/i.test(text)) {
      throw new Error(`cannot turn retention off: ${flag} is documented as "${text}"`);
    }
    args.push(flag, '0');
  }
  return {
    args,
    note:
      args.length === 0
        ? '`serve` has no retention flags, so every event is kept.'
        : `Servers run with \`${args.join(' ')}\` (0 = keep forever / no limit), so nothing is deleted while measuring.`,
  };
}
