export interface ChaosOptions {
  /** Late events are emitted up to this much event time after their in-order position. */
  maxDelayMs: number;
  /** Share of lines emitted twice, byte for byte. */
  duplicateRate: number;
  /** Share of `process_exec` lines dropped. */
  lostExecRate: number;
  /** Share of `process_exit` lines dropped. */
  lostExitRate: number;
  /** Share of `process_exit` lines whose process is reduced to `pid` and `start_time`. */
  reducedExitRate: number;
  /** Share of lines replaced by a malformed one (truncated, not JSON, wrong types). */
  malformedRate: number;
}

export const DEFAULT_CHAOS: ChaosOptions = Object.freeze({
  maxDelayMs: 30_000,
  duplicateRate: 0.03,
  lostExecRate: 0.03,
  lostExitRate: 0.03,
  reducedExitRate: 0.03,
  malformedRate: 0.01,
});

const RATE_KEYS = [
  'duplicateRate',
  'lostExecRate',
  'lostExitRate',
  'reducedExitRate',
  'malformedRate',
] as const;

/** `true` means the defaults; a partial object overrides them; `false`/absent means none. */
export function resolveChaos(
  chaos: boolean | Partial<ChaosOptions> | undefined,
): ChaosOptions | undefined {
  if (chaos === undefined || chaos === false) return undefined;
  const options: ChaosOptions =
    chaos === true ? { ...DEFAULT_CHAOS } : { ...DEFAULT_CHAOS, ...chaos };
  for (const key of RATE_KEYS) {
    const rate = options[key];
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`chaos ${key} must be between 0 and 1`);
  }
  if (options.lostExitRate + options.reducedExitRate > 1) {
    throw new RangeError('chaos lostExitRate + reducedExitRate must not exceed 1');
  }
  if (!(options.maxDelayMs >= 0 && Number.isFinite(options.maxDelayMs))) {
    throw new RangeError('chaos maxDelayMs must be a finite number >= 0');
  }
  return options;
}
