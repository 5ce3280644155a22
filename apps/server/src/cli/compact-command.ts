import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  compileFilterPattern,
  formatCompact,
  matchesCompactFilter,
  type CompactFilter,
} from '@exectree/domain';
import type { CliIo } from './cli-io.ts';
import { EXIT_USAGE, UsageError, usageErrorFromParseArgs } from './usage-error.ts';

const USAGE = `Usage: exectree compact [options] [FILE|-]

Prints Tetragon JSON events (one per line, as the JSON export writes them) in the
compact format of \`tetra getevents -o compact\`. Reads FILE, or standard input when
FILE is "-" or absent.

Options:
  -n, --namespace NS   keep events of processes in pod namespace NS (exact match;
                       repeatable; "" keeps host processes, like tetra --host)
      --pod REGEX      keep events of processes whose pod name matches REGEX (repeatable)
      --process REGEX  keep events whose process binary matches REGEX (repeatable)
      --timestamps     prefix each line with the event time (UTC, nanoseconds)
  -h, --help           show this help

Different filters must all match; repeated values of one filter are alternatives.
Events without a process (throttle) are printed only when no filter is given.
Unparseable lines are reported on stderr as "line N: reason" and skipped.
`;

const EXIT_OK = 0;
const EXIT_FAILURE = 1;

interface CompactArgs {
  readonly input: string;
  readonly timestamps: boolean;
  readonly filter: CompactFilter;
}

function compilePatterns(flag: string, patterns: readonly string[]): RegExp[] {
  return patterns.map((pattern) => {
    try {
      return compileFilterPattern(pattern);
    } catch (error) {
      throw new UsageError(`invalid ${flag} regex ${JSON.stringify(pattern)}: ${reason(error)}`);
    }
  });
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        namespace: { type: 'string', short: 'n', multiple: true },
        pod: { type: 'string', multiple: true },
        process: { type: 'string', multiple: true },
        timestamps: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw usageErrorFromParseArgs(error, 'compact');
  }
}

/** The parsed command line, or 'help' when --help was given (whatever else was). */
function parseCompactArgs(argv: string[]): CompactArgs | 'help' {
  const { values, positionals } = parseFlags(argv);
  if (values.help) return 'help';
  if (positionals.length > 1) {
    throw new UsageError(
      `expected at most one FILE, got ${positionals.length}; see exectree compact --help`,
    );
  }
  return {
    input: positionals[0] ?? '-',
    timestamps: values.timestamps ?? false,
    filter: {
      namespaces: values.namespace ?? [],
      pods: compilePatterns('--pod', values.pod ?? []),
      binaries: compilePatterns('--process', values.process ?? []),
    },
  };
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ');
}

/** Splits a byte or text stream into lines, holding only the current chunk in memory. */
async function* readLines(input: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of input) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      yield pending.slice(start, newline).replace(/\r$/, '');
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
  }
  pending += decoder.decode();
  if (pending !== '') yield pending.replace(/\r$/, '');
}

type LineResult = { kind: 'print'; text: string } | { kind: 'skip' } | { kind: 'bad'; why: string };

function compactLine(line: string, args: CompactArgs): LineResult {
  if (line.trim() === '') return { kind: 'skip' };
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch (error) {
    return { kind: 'bad', why: reason(error) };
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return { kind: 'bad', why: 'not a JSON object' };
  }
  if (!matchesCompactFilter(event, args.filter)) return { kind: 'skip' };
  const text = formatCompact(event, { timestamps: args.timestamps });
  return text === undefined ? { kind: 'skip' } : { kind: 'print', text };
}

async function openInput(
  input: string,
  stdin: NodeJS.ReadableStream,
): Promise<AsyncIterable<string | Uint8Array>> {
  if (input === '-') return stdin;
  const handle = await open(input, 'r');
  return handle.createReadStream();
}

function isClosed(stream: NodeJS.WritableStream): boolean {
  const state = stream as { destroyed?: unknown; writableEnded?: unknown };
  return state.destroyed === true || state.writableEnded === true;
}

/** Honours backpressure, but never waits on a stream that has failed or closed. */
async function writeOut(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (stream.write(text) || isClosed(stream)) return;
  await new Promise<void>((resolve) => {
    const settle = () => {
      for (const event of ['drain', 'error', 'close']) stream.off(event, settle);
      resolve();
    };
    for (const event of ['drain', 'error', 'close']) stream.on(event, settle);
  });
}

function isBrokenPipe(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'EPIPE';
}

/** `exectree compact [FILE|-]`: tetra-compatible compact lines. Resolves to the exit code. */
export async function runCompactCommand(argv: string[], io: CliIo): Promise<number> {
  const fail = (message: string, code: number): number => {
    io.stderr.write(`exectree compact: ${message}\n`);
    return code;
  };

  let args: CompactArgs | 'help';
  try {
    args = parseCompactArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return fail(error.message, EXIT_USAGE);
    throw error;
  }
  if (args === 'help') {
    await writeOut(io.stdout, USAGE);
    return EXIT_OK;
  }

  const source = args.input === '-' ? 'standard input' : args.input;
  let input: AsyncIterable<string | Uint8Array>;
  try {
    input = await openInput(args.input, io.stdin);
  } catch (error) {
    return fail(`cannot read ${source}: ${reason(error)}`, EXIT_FAILURE);
  }

  let outputError: unknown;
  // Kept attached after return: a late EPIPE from a closed pager must not crash the process.
  io.stdout.on('error', (error: unknown) => {
    outputError ??= error;
  });

  let lineNumber = 0;
  try {
    for await (const line of readLines(input)) {
      lineNumber += 1;
      const result = compactLine(line, args);
      if (result.kind === 'bad') io.stderr.write(`line ${lineNumber}: ${result.why}\n`);
      if (result.kind === 'print') await writeOut(io.stdout, `${result.text}\n`);
      // A closed stdout (e.g. `| head`) ends the run like a broken pipe.
      if (outputError !== undefined || isClosed(io.stdout)) break;
    }
  } catch (error) {
    return fail(`cannot read ${source}: ${reason(error)}`, EXIT_FAILURE);
  }
  if (outputError !== undefined && !isBrokenPipe(outputError)) {
    return fail(`cannot write output: ${reason(outputError)}`, EXIT_FAILURE);
  }
  return EXIT_OK;
}
