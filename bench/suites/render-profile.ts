import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from '@playwright/test';
import { aggregate, type CallFrame, type CpuProfile, type HotSpot } from '../lib/cpu-profile.ts';
import { REPO_ROOT } from '../lib/paths.ts';
import { parseSourceMap, type SourceMap } from '../lib/source-map.ts';

const ASSETS = join(REPO_ROOT, 'apps/web/dist/assets');

/** Names a frame of the minified bundle by the original file and line its source map gives. */
function namer(): (frame: CallFrame) => string {
  const maps = new Map<string, SourceMap | null>();
  const mapFor = (url: string): SourceMap | null => {
    const file = join(ASSETS, `${basename(new URL(url).pathname)}.map`);
    if (!maps.has(file)) {
      maps.set(file, existsSync(file) ? parseSourceMap(readFileSync(file, 'utf8')) : null);
    }
    return maps.get(file) ?? null;
  };
  return (frame) => {
    const name = frame.functionName || '(anonymous)';
    if (!/\/assets\/[^/]+\.js$/.test(frame.url)) return frame.url ? `${name} (${frame.url})` : name;
    const original = mapFor(frame.url)?.lookup(frame.lineNumber, frame.columnNumber);
    return original
      ? `${name} → ${original.replace(/^(\.\.\/)*(src\/)/, 'apps/web/$2')}`
      : `${name} (bundle)`;
  };
}

/** Runs `work` under CDP's sampling profiler and returns the page's hottest functions. */
export async function profilePage(page: Page, work: () => Promise<void>): Promise<HotSpot[]> {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 500 });
  await session.send('Profiler.start');
  let failure: unknown;
  await work().catch((error: unknown) => (failure = error));
  const { profile } = await session.send('Profiler.stop');
  await session.detach();
  if (failure !== undefined) throw failure;
  return aggregate([profile as CpuProfile], namer(), 12);
}
