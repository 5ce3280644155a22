/** A bad command line: reported as one line on stderr with exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_USAGE = 2;

/** Turns node:util parseArgs errors into short messages. */
export function usageErrorFromParseArgs(error: unknown, command: string): UsageError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
  const text = error instanceof Error ? error.message : String(error);
  const option = /(--[A-Za-z0-9-]+)/.exec(text)?.[1] ?? /'(-[^', ]+)/.exec(text)?.[1];
  const positional = /Unexpected argument '([^']*)'/.exec(text)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new UsageError(`unknown option ${option ?? text}; see exectree ${command} --help`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new UsageError(`option ${option ?? ''} needs a value; see exectree ${command} --help`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return new UsageError(
        `unexpected argument '${positional ?? text}'; see exectree ${command} --help`,
      );
    default:
      return new UsageError(text.split('\n')[0] ?? text);
  }
}
