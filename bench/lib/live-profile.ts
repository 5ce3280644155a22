import { aggregate, isIdle, nodeFrameName, readProfiles, type HotSpot } from './cpu-profile.ts';

/** Where the server's busy time went under the live load. */
export interface LiveProfile {
  spots: HotSpot[];
  /** Busy (not idle) milliseconds sampled. */
  busyMs: number;
  /**
   * Self time of better-sqlite3's transaction wrapper (the statements and the commit, which
   * writes the WAL and runs checkpoints), by the function that opened the transaction.
   */
  transactions: TransactionTime[];
}

export interface TransactionTime {
  name: string;
  selfMs: number;
  share: number;
  /** Self ms per second of load in the first and in the last quarter of the load. */
  firstQuarterMsPerS: number;
  lastQuarterMsPerS: number;
}

const TRANSACTION = 'sqliteTransaction';

/** Hot spots of the profiles `node --cpu-prof` wrote into `dir`, with SQLite time by caller. */
export function liveProfile(dir: string, top = 10): LiveProfile {
  const hits: { name: string; at: number; us: number }[] = [];
  let busyUs = 0;
  const profiles = readProfiles(dir);
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const child of n.children ?? []) parent.set(child, n.id);
    let at = 0;
    (profile.samples ?? []).forEach((id, i) => {
      const node = nodes.get(id);
      const us = profile.timeDeltas?.[i] ?? 0;
      at += us;
      if (!node || isIdle(node.callFrame)) return;
      busyUs += us;
      if (node.callFrame.functionName !== TRANSACTION) return;
      const caller = nodes.get(parent.get(id) ?? -1);
      hits.push({ name: caller ? nodeFrameName(caller.callFrame) : '(unknown)', at, us });
    });
  }
  // The load is the span with transactions in it (the profile also covers start and stop).
  const from = hits[0]?.at ?? 0;
  const quarter = Math.max(1, ((hits.at(-1)?.at ?? 0) - from) / 4);
  const byCaller = new Map<string, { us: number; first: number; last: number }>();
  for (const hit of hits) {
    const entry = byCaller.get(hit.name) ?? { us: 0, first: 0, last: 0 };
    entry.us += hit.us;
    if (hit.at < from + quarter) entry.first += hit.us;
    if (hit.at >= from + 3 * quarter) entry.last += hit.us;
    byCaller.set(hit.name, entry);
  }
  const perS = (us: number) => us / 1000 / (quarter / 1e6);
  const transactions = [...byCaller]
    .sort((a, b) => b[1].us - a[1].us)
    .map(([name, e]) => ({
      name,
      selfMs: e.us / 1000,
      share: busyUs > 0 ? e.us / busyUs : 0,
      firstQuarterMsPerS: perS(e.first),
      lastQuarterMsPerS: perS(e.last),
    }));
  return { spots: aggregate(profiles, nodeFrameName, top), busyMs: busyUs / 1000, transactions };
}
