import { parseSize } from './parse-size.ts';

export type Limit =
  | { readonly kind: 'events'; readonly count: number }
  | { readonly kind: 'bytes'; readonly bytes: number };

export interface SimulateArgs {
  readonly seed: number;
  readonly limit: Limit;
  readonly chaos: boolean;
  readonly out: string | undefined;
}

export type ParsedArgs =
  | { readonly kind: 'run'; readonly args: SimulateArgs }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

const VALUE_FLAGS = new Set(['--seed', '--events', '--bytes', '--out']);

function error(message: string): ParsedArgs {
  return { kind: 'error', message };
}

/** Accepts `--flag value` and `--flag=value`. */
export function parseSimulateArgs(argv: readonly string[]): ParsedArgs {
  const values = new Map<string, string>();
  let chaos = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--chaos') {
      chaos = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg === '-o' ? '--out' : arg;
    if (!VALUE_FLAGS.has(flag)) return error(`unknown argument: ${arg}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return error(`${flag} needs a value`);
    if (values.has(flag)) return error(`${flag} given twice`);
    values.set(flag, value);
  }

  const seedText = values.get('--seed') ?? '1';
  const seed = Number(seedText);
  if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seed)) {
    return error(`--seed must be a non-negative integer, not "${seedText}"`);
  }

  const eventsText = values.get('--events');
  const bytesText = values.get('--bytes');
  let limit: Limit;
  if (eventsText !== undefined && bytesText !== undefined) {
    return error('give either --events or --bytes, not both');
  } else if (eventsText !== undefined) {
    const count = Number(eventsText);
    if (!/^\d+$/.test(eventsText) || !Number.isSafeInteger(count)) {
      return error(`--events must be a non-negative integer, not "${eventsText}"`);
    }
    limit = { kind: 'events', count };
  } else if (bytesText !== undefined) {
    const bytes = parseSize(bytesText);
    if (bytes === undefined)
      return error(`--bytes must be a size such as 512k or 100MB, not "${bytesText}"`);
    limit = { kind: 'bytes', bytes };
  } else {
    return error('say how much to generate with --events N or --bytes SIZE');
  }

  return { kind: 'run', args: { seed, limit, chaos, out: values.get('--out') } };
}
