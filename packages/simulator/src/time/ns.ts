/** Simulation time is an integer count of nanoseconds relative to the simulation start. */
export type Ns = number;

export const MICROSECOND: Ns = 1_000;
export const MILLISECOND: Ns = 1_000_000;
export const SECOND: Ns = 1_000_000_000;
export const MINUTE: Ns = 60 * SECOND;
export const HOUR: Ns = 60 * MINUTE;
export const DAY: Ns = 24 * HOUR;

/** procFS start times come from /proc/<pid>/stat in jiffies (10 ms). */
export const JIFFY: Ns = 10 * MILLISECOND;
