import type { ExitInfo } from '../tetragon/parsed-event.ts';
import type { ProcessState } from '../process.ts';
import { MergedProcess, STAND_IN_FLAG, hasFlag, type MergedField } from './merged-process.ts';
import { timeKey } from '../util/time.ts';
import { packNanos, packSeconds, unpackTime, type PackedSeconds } from '../util/compact-time.ts';
import type { Contribution } from './group-aggregates.ts';

export const PENDING_EXIT_PREFIX = 'exit-only:';

const STATES: readonly ProcessState[] = ['running', 'exited', 'replaced'];

// Bits of `marks`. Bits 0-1: the contributed state (index in STATES).
const FLAGGED = 1 << 2;
/** It contributes to a group summary. */
const CONTRIBUTES = 1 << 3;
/** The contribution is this entry's own group, start, node and pod (see `lastFrom`). */
const CONTRIBUTES_OWN = 1 << 4;
/** Where the contributed last-seen time comes from, when CONTRIBUTES_OWN (bits 5-6). */
const LAST_SHIFT = 5;
const LAST_NONE = 0;
const LAST_START = 1;
const LAST_EXIT = 2;
/** The group the last drained delta reported it in is its current group. */
const REPORTED_OWN = 1 << 7;
/** Bits 0-6: what the group summary was last given. */
const CONTRIBUTION_BITS = (1 << 7) - 1;
/** It has an exit named by exec_id; its status is in bits 9-29 when it fits there. */
const HAS_EXIT = 1 << 8;
const STATUS_SHIFT = 9;
const MAX_PACKED_STATUS = 2 ** 21 - 1;

/** What few entries need: kept out of the entry so that the rest do not pay a field each. */
interface Extras {
  marks: number;
  /** An exit status that does not fit in `marks` (negative, fractional or too large). */
  exitStatus: number | undefined;
  exitSignal: string | null;
  /** The reported group, when it is not the current one (REPORTED_OWN unset). */
  reportedGroup: string | undefined;
  /** The contribution, when it is not made of the entry's own fields (CONTRIBUTES_OWN unset). */
  contribution: Contribution | undefined;
}

/**
 * The builder's record of one exec image (or of an exit it could not match yet): its merged
 * snapshot fields plus what the builder tracks about it. The tree holds one per process, so
 * it is one flat object with as few fields as possible: what the group summary was last
 * given (the contribution) and the group last reported are nearly always the entry's own
 * current group, start, exit, node and pod, so they are kept as bits of `marks` that say
 * so; only when one of those fields is about to change are the old values copied aside
 * (into `extras`), until the next settle makes them the entry's own again.
 */
export class ProcessEntry extends MergedProcess {
  /** Time of the exit named by exec_id; its status is in `marks` and its signal in extras. */
  private exitSeconds: PackedSeconds = undefined;
  private exitNanos = 0;
  private currentGroup = '';
  /** `marks`, or an Extras holding them while the entry has values kept aside: one field. */
  private marksOrExtras: number | Extras = 0;

  /**
   * `pendingExitKey` is set for the stand-in of an exit that carried only pid and
   * start_time: it is shown until a process with that node, pid and start time is known,
   * then hidden. Its exec id is PENDING_EXIT_PREFIX + that key.
   */
  constructor(execId: string, pendingExitKey: string | undefined) {
    super(execId);
    if (pendingExitKey !== undefined) this.ranks |= STAND_IN_FLAG;
  }

  get pendingExitKey(): string | undefined {
    return this.ranks & STAND_IN_FLAG ? this.execId.slice(PENDING_EXIT_PREFIX.length) : undefined;
  }

  /** Current group, "" while hidden. */
  get group(): string {
    return this.currentGroup;
  }

  set group(group: string) {
    if (group === this.currentGroup) return;
    this.keepContribution();
    if (this.marks & REPORTED_OWN) {
      this.marks &= ~REPORTED_OWN;
      this.extrasForWrite().reportedGroup = this.currentGroup;
    }
    this.currentGroup = group;
  }

  /** Group the last drained delta reported it in. */
  get reportedGroup(): string | undefined {
    return this.marks & REPORTED_OWN ? this.currentGroup : this.extras?.reportedGroup;
  }

  set reportedGroup(group: string | undefined) {
    const own = group !== undefined && group === this.currentGroup;
    this.marks = own ? this.marks | REPORTED_OWN : this.marks & ~REPORTED_OWN;
    const kept = own ? undefined : group;
    if (kept === undefined && this.extras === undefined) return;
    this.extrasForWrite().reportedGroup = kept;
    this.dropEmptyExtras();
  }

  get exit(): ExitInfo | undefined {
    const marks = this.marks;
    if (!(marks & HAS_EXIT)) return undefined;
    const time = unpackTime(this.exitSeconds, this.exitNanos);
    const status = this.extras?.exitStatus ?? marks >>> STATUS_SHIFT;
    return { status, signal: this.extras?.exitSignal ?? null, time };
  }

  set exit(exit: ExitInfo | undefined) {
    if (((this.marks >>> LAST_SHIFT) & 3) === LAST_EXIT) this.keepContribution();
    const status = exit?.status;
    const packs =
      status !== undefined &&
      Number.isInteger(status) &&
      status >= 0 &&
      status <= MAX_PACKED_STATUS;
    let marks = this.marks & (CONTRIBUTION_BITS | REPORTED_OWN);
    if (status !== undefined) marks |= HAS_EXIT | (packs ? status << STATUS_SHIFT : 0);
    this.marks = marks;
    this.exitSeconds = packSeconds(exit?.time);
    this.exitNanos = packNanos(exit?.time);
    const signal = exit?.signal ?? null;
    const unpacked = packs ? undefined : status;
    if (signal === null && unpacked === undefined && this.extras === undefined) return;
    const extras = this.extrasForWrite();
    extras.exitSignal = signal;
    extras.exitStatus = unpacked;
    this.dropEmptyExtras();
  }

  /** What it currently adds to its group's summary; undefined while hidden. */
  get contribution(): Contribution | undefined {
    if (!(this.marks & CONTRIBUTES)) return undefined;
    if (!(this.marks & CONTRIBUTES_OWN)) return this.extras?.contribution;
    const start = this.startTime ?? null;
    const last = (this.marks >>> LAST_SHIFT) & 3;
    return {
      group: this.currentGroup,
      state: STATES[this.marks & 3] ?? 'running',
      flagged: (this.marks & FLAGGED) !== 0,
      start,
      last: last === LAST_START ? start : last === LAST_EXIT ? (this.exitTime() ?? null) : null,
      node: this.node ?? '',
      pod: this.pod,
    };
  }

  set contribution(c: Contribution | undefined) {
    this.marks &= ~CONTRIBUTION_BITS;
    if (this.extras) this.extras.contribution = undefined;
    if (c) {
      this.marks |= CONTRIBUTES | (STATES.indexOf(c.state) & 3) | (c.flagged ? FLAGGED : 0);
      const last = this.lastFrom(c);
      if (last !== undefined) this.marks |= CONTRIBUTES_OWN | (last << LAST_SHIFT);
      else this.extrasForWrite().contribution = c;
    }
    this.dropEmptyExtras();
  }

  /** Snapshot fields are about to change: a contribution made of them is copied first. */
  protected override beforeChange(field: MergedField): void {
    if (field === 'startTime' || field === 'node' || field === 'pod') this.keepContribution();
  }

  /** Where `c`'s last time comes from, if `c` is made of this entry's own fields. */
  private lastFrom(c: Contribution): number | undefined {
    const own =
      c.group === this.currentGroup &&
      c.node === (this.node ?? '') &&
      c.pod === this.pod &&
      this.startIs(c.start);
    if (!own) return undefined;
    if (c.last === null) return LAST_NONE;
    if (c.last === c.start) return LAST_START;
    const exits = this.marks & HAS_EXIT;
    return exits && packSeconds(c.last) === this.exitSeconds && packNanos(c.last) === this.exitNanos
      ? LAST_EXIT
      : undefined;
  }

  private exitTime(): string | undefined {
    return this.marks & HAS_EXIT ? unpackTime(this.exitSeconds, this.exitNanos) : undefined;
  }

  private keepContribution(): void {
    if (!(this.marks & CONTRIBUTES_OWN)) return;
    const c = this.contribution;
    this.marks &= ~CONTRIBUTES_OWN;
    this.extrasForWrite().contribution = c;
  }

  private get marks(): number {
    const m = this.marksOrExtras;
    return typeof m === 'number' ? m : m.marks;
  }

  private set marks(marks: number) {
    if (typeof this.marksOrExtras === 'number') this.marksOrExtras = marks;
    else this.marksOrExtras.marks = marks;
  }

  private get extras(): Extras | undefined {
    const m = this.marksOrExtras;
    return typeof m === 'number' ? undefined : m;
  }

  private extrasForWrite(): Extras {
    const m = this.marksOrExtras;
    if (typeof m !== 'number') return m;
    const extras: Extras = {
      marks: m,
      exitStatus: undefined,
      exitSignal: null,
      reportedGroup: undefined,
      contribution: undefined,
    };
    this.marksOrExtras = extras;
    return extras;
  }

  private dropEmptyExtras(): void {
    const e = this.extras;
    if (e === undefined || e.exitStatus !== undefined || e.exitSignal !== null) return;
    if (e.reportedGroup === undefined && e.contribution === undefined) this.marksOrExtras = e.marks;
  }
}

export function pidStartKey(
  node: string | undefined,
  pid: number | undefined,
  startKey: string,
): string | undefined {
  if (pid === undefined || startKey === '') return undefined;
  return `${node ?? ''}:${pid}:${startKey}`;
}

/** node:pid:start of a real process, which reduced exits are matched by. */
export function pidStartKeyOf(entry: ProcessEntry): string | undefined {
  if (entry.pendingExitKey !== undefined) return undefined;
  return pidStartKey(entry.node, entry.pid, timeKey(entry.startTime));
}

/** parent|pid for a child that could have replaced its parent (no clone, no procFS). */
export function replacerKeyOf(entry: ProcessEntry): string | undefined {
  if (
    entry.pendingExitKey !== undefined ||
    entry.parentExecId === undefined ||
    entry.pid === undefined
  ) {
    return undefined;
  }
  if (hasFlag(entry.flags, 'clone') || hasFlag(entry.flags, 'procFS')) return undefined;
  return `${entry.parentExecId}|${entry.pid}`;
}
