import type { ExitInfo, ParsedEvent, ProcessSnapshot } from '../tetragon/parsed-event.ts';
import { decodeExecId } from '../tetragon/exec-id.ts';
import type { Process, ProcessTreeRoot } from '../process.ts';
import { timeKey } from '../util/time.ts';
import { StringIntern } from '../util/intern.ts';
import { maxExit, sameExit } from './exit-merge.ts';
import {
  ARGUMENTS_CHANGED,
  BINARY_CHANGED,
  PARENT_CHANGED,
  RANK_EMBEDDED,
  RANK_EVENT,
  RANK_EXEC,
  mergeSnapshot,
  type SnapshotRank,
} from './merged-process.ts';
import {
  PENDING_EXIT_PREFIX,
  ProcessEntry,
  pidStartKey,
  pidStartKeyOf,
  replacerKeyOf,
} from './process-entry.ts';
import { buildProcessView, groupFor } from './process-view.ts';
import type { GroupSummary, LossMarker } from './summary.ts';
import { summarizeGroup } from './group-summary.ts';
import { GroupAggregates, contributionOf, type Contribution } from './group-aggregates.ts';
import { DownloadIndex } from './download-index.ts';
import {
  ancestorsOf,
  childrenOf,
  groupProcesses,
  groupTree,
  oldestEndedLeaves,
  type TreeIndex,
} from './tree-queries.ts';
import { ProbeCounts } from './probe-counts.ts';
import { downloadTargets } from '../findings/command-line.ts';
import type { TreeChanges, TreeReader, TreeWriter } from './tree-reader.ts';
import { addTo, removeFrom } from '../util/multimap.ts';
import { LossMarkers } from './loss-markers.ts';
import { ContainerPods } from './container-pods.ts';
import type { SnapshotPod } from './pod-intern.ts';
import { ExitsWithoutId } from './exits-without-id.ts';
import { Tombstones } from './tombstones.ts';
import {
  DEFAULT_TREE_BUILDER_LIMITS,
  type TreeBuilderLimits,
  type TreeBuilderStats,
} from './builder-limits.ts';

/**
 * Builds process trees from Tetragon events in any order. Every rule is a merge that does
 * not depend on arrival order (see docs/tree-semantics.md), so a permutation of the same
 * events, with or without duplicates, yields the same processes, parents and states. The
 * exception is `forget`: a late event about a process forgotten recently is dropped.
 */
export class ProcessTreeBuilder implements TreeReader, TreeWriter {
  private readonly index: TreeIndex = {
    process: (id) => this.process(id),
    memberIds: (group) => this.members.get(group),
    childIds: (id) => this.childrenByParent.get(id),
    parentId: (id) => this.entries.get(id)?.parentExecId,
    groupOf: (id) => this.entries.get(id)?.group,
    endedKey: (id) => this.endedKeyOf(id),
  };
  private readonly entries = new Map<string, ProcessEntry>();
  private readonly childrenByParent = new Map<string, Set<string>>();
  private readonly members = new Map<string, Set<string>>();
  private readonly exitsWithoutId: ExitsWithoutId;
  private readonly lossMarkers = new LossMarkers();
  private readonly downloads = new DownloadIndex();
  private readonly probes: ProbeCounts;
  /** Children that could have replaced their parent (no clone, no procFS), by parent|pid. */
  private readonly replacers = new Map<string, Set<string>>();
  private readonly aggregates = new GroupAggregates((group) => this.contributionsIn(group));
  /** Changed since their group contribution was last counted. */
  private unsettled = new Set<string>();
  /** Views computed while settling, reused by the next drain. */
  private readonly settledViews = new Map<string, Process>();
  private readonly pods = new ContainerPods();
  private readonly strings = new StringIntern();
  /** Made once, not per merge: upsert runs several times per event. */
  private readonly intern = (value: string): string => this.strings.intern(value);
  private readonly tombstones: Tombstones;
  private dirty = new Set<string>();
  private forgotten: { execId: string; group: string }[] = [];
  private lateEventsDropped = 0;

  constructor(limits: Partial<TreeBuilderLimits> = {}) {
    const bounds = { ...DEFAULT_TREE_BUILDER_LIMITS, ...limits };
    this.tombstones = new Tombstones(bounds.tombstones);
    this.probes = new ProbeCounts(bounds.attachedIdsPerProcess);
    this.exitsWithoutId = new ExitsWithoutId((id) => this.entries.get(id), bounds.waitingExits);
  }

  apply(event: ParsedEvent): void {
    if (event.loss) this.lossMarkers.add(event);
    const process = event.process;
    const late = process !== undefined && this.isLate(process, event);
    if (late) this.lateEventsDropped += 1;
    // A forgotten process is not brought back (upsert drops it), but its pod is still learnt.
    if (process?.execId) {
      const rank = event.type === 'process_exec' ? RANK_EXEC : RANK_EVENT;
      this.upsert(process, process.execId, rank, event.node);
    }
    if (event.parent?.execId)
      this.upsert(event.parent, event.parent.execId, RANK_EMBEDDED, event.node);
    for (const ancestor of event.ancestors) {
      if (ancestor.execId) this.upsert(ancestor, ancestor.execId, RANK_EMBEDDED, event.node);
    }
    if (late || !process) return;
    if (event.exit) {
      if (process.execId) this.applyExit(process.execId, event.exit);
      else this.applyPendingExit(process, event, event.exit);
    }
    if (event.probe && process.execId && this.entries.has(process.execId)) {
      if (this.probes.attach(process.execId, event.id)) this.touch(process.execId);
    }
  }

  /** Drops processes (retention, pod limit); late events about them are dropped, not merged. */
  forget(execIds: Iterable<string>): void {
    for (const id of execIds) {
      this.tombstones.add(id);
      this.drop(id);
    }
  }

  /** Whether `forget` dropped this exec id recently, so events about it are dropped too. */
  isForgotten(execId: string): boolean {
    return this.tombstones.has(execId);
  }

  forgetMarkers(ids: Iterable<string>): void {
    this.lossMarkers.forget(ids);
  }

  stats(): TreeBuilderStats {
    return {
      lateEventsDropped: this.lateEventsDropped,
      attachedIdsEvicted: this.probes.evicted,
      waitingExitsEvicted: this.exitsWithoutId.evicted,
      tombstones: this.tombstones.size,
      waitingExits: this.exitsWithoutId.waitingCount,
    };
  }

  drainChanges(): TreeChanges {
    this.settle();
    const upserts: Process[] = [];
    const removes: { execId: string; group: string }[] = this.forgotten;
    this.forgotten = [];
    const touched = new Set<string>(removes.map((r) => r.group));
    for (const id of this.dirty) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      const current = entry.group ? (this.settledViews.get(id) ?? this.view(entry)) : undefined;
      const previous = entry.reportedGroup;
      if (previous !== undefined && previous !== current?.group) {
        removes.push({ execId: id, group: previous });
        touched.add(previous);
      }
      if (current) {
        upserts.push(current);
        touched.add(current.group);
      }
      entry.reportedGroup = current?.group;
    }
    this.dirty = new Set();
    this.settledViews.clear();
    const markers = this.lossMarkers.takeNew();
    const groups = [...touched].sort().map((key) => this.group(key) ?? this.emptyGroup(key));
    return { upserts, removes, groups, markers };
  }

  process(execId: string): Process | undefined {
    const entry = this.entries.get(execId);
    return entry && entry.group ? this.view(entry) : undefined;
  }

  processes(group: string): Process[] {
    return groupProcesses(this.index, group);
  }

  tree(group: string): ProcessTreeRoot[] {
    return groupTree(this.index, group);
  }

  ancestors(execId: string): Process[] {
    return ancestorsOf(this.index, execId);
  }

  children(execId: string): Process[] {
    return childrenOf(this.index, execId);
  }

  /** Up to `count` ended processes without children in the group, longest ended first. */
  endedLeaves(group: string, count: number, gone?: ReadonlySet<string>): string[] {
    return oldestEndedLeaves(this.index, group, count, gone);
  }

  groups(): GroupSummary[] {
    this.settle();
    return this.aggregates
      .keys()
      .sort()
      .map((key) => this.aggregates.summary(key))
      .filter((g) => g !== undefined);
  }

  group(key: string): GroupSummary | undefined {
    this.settle();
    return this.aggregates.summary(key);
  }

  markers(): LossMarker[] {
    return this.lossMarkers.list();
  }

  // ---- writing -------------------------------------------------------------------------

  /** The event's own process (or the stand-in of its exit) was forgotten recently. */
  private isLate(process: ProcessSnapshot, event: ParsedEvent): boolean {
    if (process.execId) return this.tombstones.has(process.execId);
    if (!event.exit) return false;
    const key = pidStartKey(event.node, process.pid, timeKey(process.startTime));
    return key !== undefined && this.tombstones.has(PENDING_EXIT_PREFIX + key);
  }

  private entry(execId: string, pendingExitKey?: string): ProcessEntry {
    let entry = this.entries.get(execId);
    if (!entry) {
      entry = new ProcessEntry(execId, pendingExitKey);
      this.entries.set(execId, entry);
    }
    return entry;
  }

  private upsert(
    snapshot: ProcessSnapshot,
    execId: string,
    rank: SnapshotRank,
    eventNode: string,
  ): void {
    const pod = snapshot.pod && this.pods.intern(snapshot.pod);
    // A forgotten process stays forgotten, whichever event mentions it.
    if (this.tombstones.has(execId)) {
      this.learnContainerPod(snapshot.docker, pod);
      return;
    }
    const isNew = !this.entries.has(execId);
    const entry = this.entry(execId);
    const before = {
      parent: entry.parentExecId,
      replacerKey: replacerKeyOf(entry),
      pidStart: this.exitsWithoutId.keyOf(entry),
      docker: entry.docker,
      hadPod: entry.pod !== undefined,
    };
    const node = eventNode || decodeExecId(execId)?.node || '';
    const rankBefore = entry.bestRank;
    const changed = mergeSnapshot(entry, snapshot, rank, node, pod, this.intern);
    this.learnContainerPod(snapshot.docker, pod);
    if (!isNew && changed === 0) {
      if (entry.bestRank !== rankBefore) this.touch(execId);
      return;
    }
    this.touch(execId);

    if (changed & PARENT_CHANGED) {
      if (before.parent !== undefined) {
        removeFrom(this.childrenByParent, before.parent, execId);
        this.touch(before.parent);
      }
      if (entry.parentExecId !== undefined) {
        // Share the parent's own copy of its id when it is known.
        entry.parentExecId = this.entries.get(entry.parentExecId)?.execId ?? entry.parentExecId;
        addTo(this.childrenByParent, entry.parentExecId, execId);
      }
    }
    // A parent's state depends on its children (exec without fork marks it replaced).
    if (entry.parentExecId !== undefined) this.markIfKnown(entry.parentExecId);
    const replacerKey = replacerKeyOf(entry);
    if (replacerKey !== before.replacerKey) {
      if (before.replacerKey !== undefined) removeFrom(this.replacers, before.replacerKey, execId);
      if (replacerKey !== undefined) addTo(this.replacers, replacerKey, execId);
    }

    const pidStart = this.exitsWithoutId.keyOf(entry);
    if (pidStart !== before.pidStart) {
      this.exitsWithoutId.rekey(execId, before.pidStart, pidStart);
      for (const key of [before.pidStart, pidStart]) {
        if (key !== undefined) this.refreshMembership(PENDING_EXIT_PREFIX + key);
      }
    }
    this.pods.track(entry, before);
    if (changed & BINARY_CHANGED) {
      // Children may borrow the parent's binary, and their findings look at it.
      for (const child of this.childrenByParent.get(execId) ?? []) this.touch(child);
    }
    this.refreshMembership(execId);
    if (changed & (BINARY_CHANGED | ARGUMENTS_CHANGED)) {
      this.registerDownloads(entry, entry.group, this.downloadsOf(entry));
    }
  }

  private applyExit(execId: string, exit: ExitInfo): void {
    const entry = this.entry(execId);
    // Read once: the entry rebuilds its exit from packed fields on every read.
    const current = entry.exit;
    const next = maxExit(current, exit);
    if (sameExit(next, current)) return;
    entry.exit = next;
    this.touch(execId);
    this.refreshMembership(execId);
  }

  private applyPendingExit(process: ProcessSnapshot, event: ParsedEvent, exit: ExitInfo): void {
    const key = pidStartKey(event.node, process.pid, timeKey(process.startTime));
    if (key === undefined) return;
    this.exitsWithoutId.activate(() => this.pidStartKeys());
    const previous = this.exitsWithoutId.get(key);
    const next = maxExit(previous, exit);
    const id = PENDING_EXIT_PREFIX + key;
    const stub = this.entries.has(id);
    this.entry(id, key);
    // The stand-in sits where the exit says: under its parent, in its parent's container.
    const parent = event.parent;
    const standIn: ProcessSnapshot = {
      ...process,
      execId: id,
      parentExecId: parent?.execId,
      pod: parent?.pod,
      docker: parent?.docker,
    };
    this.upsert(standIn, id, RANK_EVENT, event.node);
    if (stub && sameExit(previous, next)) return;
    this.exitsWithoutId.set(key, next as ExitInfo);
    this.touch(id);
    for (const match of this.exitsWithoutId.matches(key)) this.touch(match);
    this.refreshMembership(id);
    for (const evicted of this.exitsWithoutId.overflow()) this.drop(PENDING_EXIT_PREFIX + evicted);
  }

  private learnContainerPod(docker: string | undefined, pod: SnapshotPod | undefined): void {
    if (!docker || !pod) return;
    for (const id of this.pods.learn(docker, pod)) this.refreshMembership(id);
  }

  private *pidStartKeys(): Iterable<[string, string]> {
    for (const [id, entry] of this.entries) {
      const key = pidStartKeyOf(entry);
      if (key !== undefined) yield [key, id];
    }
  }

  /** Removes one process and everything indexed about it. */
  private drop(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.registerDownloads(entry, entry.group, []);
    this.aggregates.remove(entry.contribution);
    entry.contribution = undefined;
    this.unsettled.delete(id);
    this.settledViews.delete(id);
    const replacerKey = replacerKeyOf(entry);
    if (replacerKey !== undefined) removeFrom(this.replacers, replacerKey, id);
    if (entry.group) removeFrom(this.members, entry.group, id);
    if (entry.parentExecId !== undefined) {
      removeFrom(this.childrenByParent, entry.parentExecId, id);
      this.markIfKnown(entry.parentExecId);
    }
    // The exit is deleted with the process; others sharing its key lose it too.
    for (const key of this.exitsWithoutId.drop(entry)) {
      for (const other of this.exitsWithoutId.matches(key)) this.markIfKnown(other);
      this.refreshMembership(PENDING_EXIT_PREFIX + key);
      this.markIfKnown(PENDING_EXIT_PREFIX + key);
    }
    this.pods.untrack(entry);
    this.probes.forget(id);
    this.entries.delete(id);
    this.dirty.delete(id);
    // Children may have borrowed its binary, and their findings looked at it.
    for (const child of this.childrenByParent.get(id) ?? []) this.markIfKnown(child);
    if (entry.reportedGroup !== undefined) {
      this.forgotten.push({ execId: id, group: entry.reportedGroup });
    }
  }

  private markIfKnown(execId: string): void {
    if (this.entries.has(execId)) this.touch(execId);
  }

  private touch(execId: string): void {
    this.dirty.add(execId);
    this.unsettled.add(execId);
  }

  /** Brings every changed process's contribution to its group summary up to date. */
  private settle(): void {
    if (this.unsettled.size === 0) return;
    const ids = this.unsettled;
    this.unsettled = new Set();
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      const view = entry.group ? this.view(entry) : undefined;
      if (view) this.settledViews.set(id, view);
      else this.settledViews.delete(id);
      const next = view ? contributionOf(view, this.pods.podOf(entry)) : undefined;
      this.aggregates.update(entry.contribution, next);
      entry.contribution = next;
    }
  }

  private *contributionsIn(group: string): Iterable<Contribution> {
    for (const id of this.members.get(group) ?? []) {
      const c = this.entries.get(id)?.contribution;
      if (c) yield c;
    }
  }

  /** Moves an entry to the group it belongs in now, or hides it. */
  private refreshMembership(execId: string): void {
    const entry = this.entries.get(execId);
    if (!entry) return;
    const hidden = this.exitsWithoutId.isHidden(entry);
    const group = hidden ? '' : this.groupOf(entry);
    if (entry.pendingExitKey !== undefined) {
      this.exitsWithoutId.setWaiting(entry.pendingExitKey, group !== '');
    }
    if (group === entry.group) return;
    const next = group && this.strings.intern(group);
    if (entry.group) removeFrom(this.members, entry.group, execId);
    if (next) addTo(this.members, next, execId);
    const downloads = this.downloads.pathsOf(execId);
    this.registerDownloads(entry, entry.group, []);
    entry.group = next;
    this.registerDownloads(entry, next, downloads ?? this.downloadsOf(entry));
    this.touch(execId);
  }

  private downloadsOf(entry: ProcessEntry): string[] {
    return entry.binary ? downloadTargets(entry.binary, entry.arguments ?? '') : [];
  }

  /**
   * Moves an entry's downloads to `paths` in `group`. A new or vanished download changes
   * the findings of whatever in the group runs or chmods that path, so the group is marked.
   */
  private registerDownloads(entry: ProcessEntry, group: string, paths: readonly string[]): void {
    const changed = this.downloads.move(entry.execId, entry.group, group, paths);
    for (const g of changed) {
      for (const member of this.members.get(g) ?? []) this.touch(member);
    }
  }

  // ---- reading -------------------------------------------------------------------------

  private groupOf(entry: ProcessEntry): string {
    return groupFor(this.pods.podOf(entry), entry.docker, entry.node ?? '');
  }

  /** The image that replaced this one by exec without fork, if any (largest id on ties). */
  private replacedBy(entry: ProcessEntry): string | null {
    if (entry.pid === undefined) return null;
    let best: string | null = null;
    for (const childId of this.replacers.get(`${entry.execId}|${entry.pid}`) ?? []) {
      if (childId === entry.execId) continue;
      if (best === null || childId > best) best = childId;
    }
    return best;
  }

  /** The view's exit time as a time key ("" for a replaced image); undefined while running. */
  private endedKeyOf(id: string): string | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const exit = this.exitsWithoutId.exitOf(entry);
    if (exit) return timeKey(exit.time);
    return this.replacedBy(entry) === null ? undefined : '';
  }

  private view(entry: ProcessEntry): Process {
    const parentId = entry.parentExecId;
    const exit = this.exitsWithoutId.exitOf(entry);
    const pod = this.pods.of(entry);
    return buildProcessView(entry, {
      exit,
      replacedBy: exit ? null : this.replacedBy(entry),
      parentBinary:
        parentId !== undefined && parentId !== entry.execId
          ? this.entries.get(parentId)?.binary
          : undefined,
      pod: pod?.pod,
      containerPid: pod?.containerPid,
      eventCount: this.probes.count(entry.execId),
      downloads: this.downloads.pathsIn(entry.group),
    });
  }

  private emptyGroup(key: string): GroupSummary {
    return summarizeGroup(key, []);
  }
}
