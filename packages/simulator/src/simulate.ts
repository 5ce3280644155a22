import { buildWorld } from './activity/bootstrap.ts';
import type { World } from './activity/world.ts';
import { applyChaos } from './chaos/apply-chaos.ts';
import { resolveChaos, type ChaosOptions } from './chaos/options.ts';
import type { EmittedRecord } from './engine/record.ts';
import { prngFor } from './prng.ts';
import { Timestamps } from './time/timestamps.ts';

export interface SimulatorOptions {
  seed: number;
  /** Defaults to 2026-01-01T00:00:00Z. */
  startTime?: Date;
  /** Defaults to 3. */
  nodes?: number;
  /** Pods per node, DaemonSet pods included. Defaults to 7. */
  podsPerNode?: number;
  /** `true` for DEFAULT_CHAOS, or some of its fields to override. */
  chaos?: boolean | Partial<ChaosOptions>;
}

export const DEFAULT_START_TIME = '2026-01-01T00:00:00Z';

function checkCount(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function createWorld(options: SimulatorOptions): World {
  if (!Number.isSafeInteger(options.seed)) throw new RangeError('seed must be a safe integer');
  const nodes = checkCount('nodes', options.nodes ?? 3, 1, 200);
  const podsPerNode = checkCount('podsPerNode', options.podsPerNode ?? 7, 0, 100);
  const timestamps = new Timestamps(options.startTime ?? new Date(DEFAULT_START_TIME));
  return buildWorld(prngFor(options.seed, 'world'), timestamps, { nodes, podsPerNode });
}

function* recordsOf(world: World): Generator<EmittedRecord> {
  for (let record = world.engine.next(); record !== undefined; record = world.engine.next()) {
    yield record;
  }
}

function* linesOf(records: Iterable<EmittedRecord>): Generator<string> {
  for (const record of records) yield record.line;
}

/** The ordered stream plus what the chaos layer needs to know about each line. */
export function simulateRecords(options: SimulatorOptions): Generator<EmittedRecord> {
  return recordsOf(createWorld(options));
}

/**
 * Infinite, deterministic stream of export lines (no trailing newline). Without chaos:
 * time-ordered, parent before child, exec before exit.
 */
export function simulate(options: SimulatorOptions): Generator<string> {
  const chaos = resolveChaos(options.chaos);
  const records = simulateRecords(options);
  if (chaos === undefined) return linesOf(records);
  return applyChaos(records, chaos, prngFor(options.seed, 'chaos'));
}

/** Convenience: the first `count` lines. */
export function generateLines(options: SimulatorOptions & { count: number }): string[] {
  const count = checkCount('count', options.count, 0, Number.MAX_SAFE_INTEGER);
  const lines: string[] = [];
  if (count === 0) return lines;
  for (const line of simulate(options)) {
    lines.push(line);
    if (lines.length >= count) break;
  }
  return lines;
}
