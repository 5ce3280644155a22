import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BENCH_DIR = join(REPO_ROOT, 'bench');
export const TMP_DIR = join(BENCH_DIR, 'tmp');
export const EXECTREE_BIN = join(REPO_ROOT, 'apps/server/bin/exectree.js');
export const GC_AGENT = join(BENCH_DIR, 'lib/gc-agent.mjs');
export const JQ = '/usr/bin/jq';
export const CHROMIUM = '/usr/bin/chromium';
