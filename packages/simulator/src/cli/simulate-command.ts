import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { simulate } from '../simulate.ts';
import { parseSimulateArgs, type Limit } from './parse-args.ts';
import { USAGE } from './usage.ts';
import { writeLines } from './write-lines.ts';

export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

function* limited(lines: Iterable<string>, limit: Limit): Generator<string> {
  if (limit.kind === 'events') {
    if (limit.count === 0) return;
    let written = 0;
    for (const line of lines) {
      yield line;
      if (++written >= limit.count) return;
    }
    return;
  }
  let total = 0;
  for (const line of lines) {
    total += Buffer.byteLength(line) + 1;
    if (total > limit.bytes) return;
    yield line;
  }
}

function isBrokenPipe(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'EPIPE';
}

/**
 * `exectree simulate`: --seed N (default 1) --events N | --bytes N (e.g. 100MB, 512k)
 * [--chaos] [--out FILE] (default stdout); --help. Returns the exit code.
 */
export async function runSimulateCommand(argv: string[], io: CommandIo): Promise<number> {
  const parsed = parseSimulateArgs(argv);
  if (parsed.kind === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    io.stderr.write(
      `exectree simulate: ${parsed.message}\nRun "exectree simulate --help" for usage.\n`,
    );
    return 2;
  }
  const { seed, limit, chaos, out } = parsed.args;
  const lines = limited(simulate({ seed, chaos }), limit);
  try {
    if (out === undefined) {
      await writeLines(io.stdout, lines);
    } else {
      const file = createWriteStream(out);
      await writeLines(file, lines);
      file.end();
      await finished(file);
    }
    return 0;
  } catch (error) {
    // A closed pipe (e.g. `| head`) just means nobody wants more lines.
    if (out === undefined && isBrokenPipe(error)) return 0;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`exectree simulate: ${message}\n`);
    return 1;
  }
}
