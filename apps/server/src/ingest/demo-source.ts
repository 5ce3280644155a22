import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { timeMs } from '@exectree/domain';
import type { Log } from '../log.ts';
import type { NumberedLine } from './line-splitter.ts';
import { message, type IngestPipeline } from './pipeline.ts';
import type { Source } from './source.ts';
import type { SourceTracker } from './source-status.ts';

export interface DemoSourceOptions {
  /** An endless, time-ordered stream of export lines. */
  lines: Iterator<string>;
  tracker: SourceTracker;
  pipeline: IngestPipeline;
  log: Log;
  now?: () => number;
  /** At most this many lines already due at start are ingested at once, as history. */
  burstLines?: number;
  burstBatchLines?: number;
  /** Then, every tick, the lines whose time has come, so the UI looks live. */
  tickMs?: number;
  maxLinesPerTick?: number;
}

const DEFAULTS = { burstLines: 5_000, burstBatchLines: 500, tickMs: 250, maxLinesPerTick: 50 };

/** The top-level `time` of an export line; a line without one is due at once. */
function dueAt(line: string): number {
  try {
    const value: unknown = JSON.parse(line);
    const time = typeof value === 'object' && value !== null && 'time' in value ? value.time : null;
    const ms = typeof time === 'string' ? timeMs(time) : Number.NaN;
    return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
}

/** Replays simulated lines paced by their timestamps: history first, then in step with the clock. */
export function createDemoSource(options: DemoSourceOptions): Source {
  const { tracker, pipeline, log } = options;
  const settings = { ...DEFAULTS, ...options };
  const now = options.now ?? Date.now;
  let pending: { text: string; due: number } | undefined;
  let lineNo = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let burst: Promise<void> | undefined;

  const takeDue = (max: number): NumberedLine[] => {
    const out: NumberedLine[] = [];
    const limit = now();
    while (out.length < max) {
      if (!pending) {
        const next = options.lines.next();
        if (next.done === true) {
          tracker.connected = false;
          break;
        }
        pending = { text: next.value, due: dueAt(next.value) };
      }
      if (pending.due > limit) break;
      lineNo += 1;
      out.push({ lineNo, text: pending.text });
      pending = undefined;
    }
    return out;
  };

  const ingest = (lines: NumberedLine[]) => {
    if (lines.length === 0) return;
    try {
      pipeline.ingest(tracker, lines);
    } catch (error) {
      tracker.lastError = message(error);
      log(`${tracker.id}: ${tracker.lastError}`);
    }
  };

  const run = async () => {
    for (let done = 0; done < settings.burstLines && !stopped;) {
      const lines = takeDue(Math.min(settings.burstBatchLines, settings.burstLines - done));
      if (lines.length === 0) break;
      ingest(lines);
      done += lines.length;
      await yieldToEventLoop();
    }
    if (stopped) return;
    timer = setInterval(() => ingest(takeDue(settings.maxLinesPerTick)), settings.tickMs);
  };

  return {
    tracker,
    start() {
      tracker.connected = true;
      burst ??= run();
    },
    async stop() {
      stopped = true;
      await burst;
      clearInterval(timer);
      tracker.connected = false;
    },
  };
}
