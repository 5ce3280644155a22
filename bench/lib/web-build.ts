import { existsSync, statSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';
import { runTimed } from './timed-process.ts';

const INDEX = join(REPO_ROOT, 'apps/web/dist/index.html');

/**
 * `vite build apps/web`, which the server serves from apps/web/dist. The web app is being
 * written while the bench runs: when it does not build, an earlier build is used if there
 * is one, and the returned note says so.
 */
export async function buildWebApp(): Promise<string> {
  const build = await runTimed(join(REPO_ROOT, 'node_modules/.bin/vite'), ['build', 'apps/web']);
  if (build.code === 0)
    return `built with \`vite build apps/web\` (${(build.ms / 1000).toFixed(1)} s)`;
  const error = build.stderr.split('\n').find((line) => /error|missing|cannot/i.test(line)) ?? '';
  if (!existsSync(INDEX))
    throw new Error(`vite build apps/web failed and there is no earlier build\n${build.stderr}`);
  const when = statSync(INDEX).mtime.toISOString();
  return (
    `**\`vite build apps/web\` failed during this run** (${stripVTControlCharacters(error).trim()}), ` +
    `so the earlier build in apps/web/dist (from ${when}) was served`
  );
}
