import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** The .cpuprofile format of `node --cpu-prof`, also what CDP's Profiler.stop returns. */
export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** One function's share of the busy (not idle) samples. */
export interface HotSpot {
  /** "parseLine (packages/domain/src/tetragon/parse-line.ts)" */
  name: string;
  selfMs: number;
  share: number;
}

const IDLE = new Set(['(idle)', '(program)']);

/** Samples of these frames are the thread waiting, not working. */
export function isIdle(frame: CallFrame): boolean {
  return IDLE.has(frame.functionName);
}

function location(url: string): string {
  if (url === '') return '';
  const path = url.replace(/^file:\/\//, '');
  const inRepo = /\/(apps|packages|bench)\/(.*)$/.exec(path);
  if (inRepo) return `${inRepo[1]}/${inRepo[2]}`;
  const dependency = /node_modules\/(.*)$/.exec(path);
  return dependency ? `node_modules/${dependency[1]}` : path;
}

export function nodeFrameName(frame: CallFrame): string {
  const where = location(frame.url);
  return `${frame.functionName || '(anonymous)'}${where ? ` (${where})` : ''}`;
}

/** Self time per named function (summed over call sites), the `top` busiest. */
export function aggregate(
  profiles: readonly CpuProfile[],
  nameOf: (frame: CallFrame) => string,
  top = 12,
): HotSpot[] {
  const self = new Map<string, number>();
  let total = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    (profile.samples ?? []).forEach((id, i) => {
      const frame = byId.get(id);
      if (!frame || isIdle(frame)) return;
      const us = profile.timeDeltas?.[i] ?? 0;
      const name = nameOf(frame);
      self.set(name, (self.get(name) ?? 0) + us);
      total += us;
    });
  }
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({ name, selfMs: us / 1000, share: total > 0 ? us / total : 0 }));
}

/** The .cpuprofile files `node --cpu-prof` wrote into `dir`. */
export function readProfiles(dir: string): CpuProfile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile);
}

/** Hot spots of the .cpuprofile files `node --cpu-prof` wrote into `dir`. */
export function hotSpots(dir: string, top = 12): HotSpot[] {
  return aggregate(readProfiles(dir), nodeFrameName, top);
}

export function hotSpotLines(spots: readonly HotSpot[]): string[] {
  return spots.map(
    (s) => `  - ${(s.share * 100).toFixed(1)} % self (${s.selfMs.toFixed(0)} ms): \`${s.name}\``,
  );
}
