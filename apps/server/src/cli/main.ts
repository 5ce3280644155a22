import type { CliIo } from './cli-io.ts';
import { MAIN_HELP } from './help.ts';
import { EXIT_USAGE } from './usage-error.ts';
import { VERSION } from '../version.ts';

const COMMANDS = ['serve', 'simulate', 'compact', 'import'] as const;

/** Loaded on demand: the server's dependencies would slow every other command's start. */
async function runServeCommand(argv: string[], io: CliIo, env: NodeJS.ProcessEnv) {
  const serve = await import('./serve.ts');
  return serve.runServeCommand(argv, io, env);
}

/** Dispatches `exectree [command] ...`; resolves to the exit code. */
export async function main(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) return runServeCommand([], io, env);
  if (first === '-h' || first === '--help' || first === 'help') {
    if (first === 'help' && rest[0] !== undefined) return main([rest[0], '--help'], io, env);
    io.stdout.write(MAIN_HELP);
    return 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  // Options without a command belong to the default command.
  if (first.startsWith('-')) return runServeCommand(argv, io, env);

  switch (first) {
    case 'serve':
      return runServeCommand(rest, io, env);
    case 'simulate': {
      const { runSimulateCommand } = await import('@exectree/simulator');
      return runSimulateCommand(rest, { stdout: io.stdout, stderr: io.stderr });
    }
    case 'compact': {
      const { runCompactCommand } = await import('./compact-command.ts');
      return runCompactCommand(rest, io);
    }
    case 'import': {
      const { runImportCommand } = await import('./import-command.ts');
      return runImportCommand(rest, io, env);
    }
    default:
      io.stderr.write(
        `exectree: unknown command '${first}' (expected ${COMMANDS.join(', ')}); see exectree --help\n`,
      );
      return EXIT_USAGE;
  }
}
