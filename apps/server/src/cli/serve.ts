import { startServer } from '../server.ts';
import { stderrLog } from '../log.ts';
import { message } from '../ingest/pipeline.ts';
import type { CliIo } from './cli-io.ts';
import { SERVE_HELP } from './help.ts';
import { parseServeArgs, type ServeArgs } from './serve-config.ts';
import { EXIT_USAGE, UsageError } from './usage-error.ts';

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** If closing hangs (a stuck client, a slow disk), a second signal or this timer ends it. */
const FORCED_EXIT_MS = 10_000;

/** `exectree serve`: runs until SIGINT or SIGTERM, then shuts down cleanly with exit code 0. */
export async function runServeCommand(
  argv: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let args: ServeArgs;
  try {
    args = parseServeArgs(argv, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`exectree serve: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (args.help) {
    io.stdout.write(SERVE_HELP);
    return 0;
  }
  const { config } = args;
  const log = stderrLog(io.stderr);
  if (config.demo) {
    log(
      'demo mode: replaying a simulated cluster into an in-memory store' +
        (config.dbChosen ? ` (${config.db} is not used)` : '') +
        '; use --file, --stdin or --no-demo for real data',
    );
  }

  let server;
  try {
    server = await startServer({
      host: config.host,
      port: config.port,
      db: config.db,
      demo: config.demo,
      files: config.files,
      grpc: config.grpc,
      ...(config.stdin ? { stdin: io.stdin } : {}),
      maxBodyBytes: config.maxBodyBytes,
      retention: config.retention,
      role: config.role,
      security: config.security,
      limits: config.limits,
      log,
      // Listen (and say so) at once; a large store is rebuilt in the background.
      waitForRebuild: false,
    });
  } catch (error) {
    io.stderr.write(`exectree serve: ${message(error)}\n`);
    return 1;
  }
  io.stdout.write(`listening on ${server.url}\n`);

  const stop = await Promise.race([nextSignal(), rebuildFailure(server.engine.rebuild.done)]);
  if (stop instanceof Error) {
    // Serving a tree that lacks part of the store would look complete; stop as a failed start does.
    io.stderr.write(
      `exectree serve: rebuilding the trees from the store failed: ${stop.message}\n`,
    );
  } else {
    log(`${stop}: shutting down`);
  }
  const forced = setTimeout(() => process.exit(1), FORCED_EXIT_MS);
  forced.unref();
  const onSecondSignal = () => process.exit(1);
  for (const name of SHUTDOWN_SIGNALS) process.once(name, onSecondSignal);
  try {
    await server.close();
  } finally {
    clearTimeout(forced);
    for (const name of SHUTDOWN_SIGNALS) process.off(name, onSecondSignal);
  }
  return stop instanceof Error ? 1 : 0;
}

/** Settles only if the rebuild fails, with its error. */
function rebuildFailure(done: Promise<void>): Promise<Error> {
  return done.then(
    () => new Promise<never>(() => {}),
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
}

function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals) => {
      for (const name of SHUTDOWN_SIGNALS) process.off(name, handler);
      resolve(signal);
    };
    for (const name of SHUTDOWN_SIGNALS) process.on(name, handler);
  });
}
