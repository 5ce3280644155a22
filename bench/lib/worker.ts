import { join } from 'node:path';
import { BENCH_DIR } from './paths.ts';
import { runChecked } from './timed-process.ts';

/**
 * Runs `bench/workers/<name>.ts` in its own Node process under tsx and returns the one JSON
 * value it prints on stdout. `nodeArgs` go before the script, e.g. --expose-gc.
 */
export async function runWorker<T>(
  name: string,
  args: readonly string[],
  nodeArgs: readonly string[] = [],
): Promise<T> {
  const script = join(BENCH_DIR, 'workers', `${name}.ts`);
  const run = await runChecked(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', script, ...args],
    {
      stdout: { capture: true },
    },
  );
  return JSON.parse(run.stdout) as T;
}
