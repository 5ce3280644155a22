import type { ExitInfo, ParsedEvent, PodInfo, ProcessSnapshot } from '../tetragon/parsed-event.ts';
import { decodeExecId } from '../tetragon/exec-id.ts';
import type { Process, ProcessTreeRoot } from '../process.ts';
import { timeKey } from '../util/time.ts';
import { maxExit, sameExit } from './exit-merge.ts';
import {
  RANK_EMBEDDED,
  RANK_EVENT,
  RANK_EXEC,
  mergeSnapshot,
  podKeyOf,
  type SnapshotRank,
} from './merged-process.ts';
import {
  PENDING_EXIT_PREFIX,
  createEntry,
  pidStartKey,
  pidStartKeyOf,
  replacerKeyOf,
  type ProcessEntry,
} from './process-entry.ts';
import { buildProcessView, groupFor } from './process-view.ts';
import type { GroupSummary, LossMarker } from './summary.ts';
import { summarizeGroup } from './group-summary.ts';
import { GroupAggregates, contributionOf, type Contribution } from './group-aggregates.ts';
import { DownloadIndex } from './download-index.ts';
import { compareProcesses, shapeTree } from './tree-shape.ts';
import { downloadTargets } from '../findings/command-line.ts';
import type { TreeChanges, TreeReader, TreeWriter } from './tree-reader.ts';
import { addTo, removeFrom } from '../util/multimap.ts';
import { LossMarkers } from './loss-markers.ts';

/**
 * Builds process trees from Tetragon events in any order. Every rule is a merge that does
 * not depend on arrival order (see docs/tree-semantics.md), so a permutation of the same
 * events, with or without duplicates, yields the same processes, parents and states.
 */
export class ProcessTreeBuilder implements TreeReader, TreeWriter {
  private readonly entries = new Map<string, ProcessEntry>();
  private readonly childrenByParent = new Map<string, Set<string>>();
  private readonly members = new Map<string, Set<string>>();
  /** Exits that carried only pid and start_time, by node:pid:start. */
  private readonly pendingExits = new Map<string, ExitInfo>();
  /** Real processes by node:pid:start, to match those exits. */
  private readonly byPidStart = new Map<string, Set<string>>();
  /** The pod a container id belongs to, learnt from any snapshot that named both. */
  private readonly podByDocker = new Map<string, { pod: PodInfo; key: string }>();
  /** Processes with a container id but no pod of their own. */
  private readonly podlessByDocker = new Map<string, Set<string>>();
  private readonly attachedEventIds = new Set<string>();
  private readonly lossMarkers = new LossMarkers();
  private readonly downloads = new DownloadIndex();
  /** Children that could have replaced their parent (no clone, no procFS), by parent|pid. */
  private readonly replacers = new Map<string, Set<string>>();
  private readonly aggregates = new GroupAggregates((group) => this.contributionsIn(group));
  /** Changed since their group contribution was last counted. */
  private unsettled = new Set<string>();
  /** Views computed while settling, reused by the next drain. */
  private readonly settledViews = new Map<string, Process>();
  /** One PodInfo object per distinct pod, shared by all its processes. */
  private readonly podIntern = new Map<string, PodInfo>();
  private dirty = new Set<string>();
  private forgotten: { execId: string; group: string }[] = [];

  apply(event: ParsedEvent): void {
    if (event.loss) this.lossMarkers.add(event);
    const process = event.process;
    if (process?.execId) {
      this.upsert(
        process,
        process.execId,
        event.type === 'process_exec' ? RANK_EXEC : RANK_EVENT,
        event.node,
      );
    }
    if (event.parent?.execId)
      this.upsert(event.parent, event.parent.execId, RANK_EMBEDDED, event.node);
    for (const ancestor of event.ancestors) {
      if (ancestor.execId) this.upsert(ancestor, ancestor.execId, RANK_EMBEDDED, event.node);
    }
    if (event.exit && process) {
      if (process.execId) this.applyExit(process.execId, event.exit);
      else this.applyPendingExit(process, event, event.exit);
    }
    if (event.probe && process?.execId && !this.attachedEventIds.has(event.id)) {
      this.attachedEventIds.add(event.id);
      const entry = this.entries.get(process.execId);
      if (entry) {
        entry.eventCount += 1;
        this.touch(process.execId);
      }
    }
  }

  /**
   * Drops processes (retention). Their stored events must be deleted too, or a rebuild
   * would bring them back; a late event for a forgotten process recreates it from that
   * event alone.
   */
  forget(execIds: Iterable<string>): void {
    for (const id of execIds) {
      const entry = this.entries.get(id);
      if (!entry) continue;
      const v = entry.merged.values;
      this.registerDownloads(entry, entry.group, []);
      this.aggregates.remove(entry.contribution);
      entry.contribution = undefined;
      this.unsettled.delete(id);
      this.settledViews.delete(id);
      const replacerKey = replacerKeyOf(entry);
      if (replacerKey !== undefined) removeFrom(this.replacers, replacerKey, id);
      if (entry.group) removeFrom(this.members, entry.group, id);
      if (v.parentExecId !== undefined) {
        removeFrom(this.childrenByParent, v.parentExecId, id);
        this.markIfKnown(v.parentExecId);
      }
      for (const key of [pidStartKeyOf(entry), entry.pendingExitKey]) {
        if (key === undefined) continue;
        removeFrom(this.byPidStart, key, id);
        // The exit is deleted with the process; others sharing its key lose it too.
        if (this.pendingExits.delete(key)) {
          for (const other of this.byPidStart.get(key) ?? []) this.markIfKnown(other);
          this.refreshMembership(PENDING_EXIT_PREFIX + key);
          this.markIfKnown(PENDING_EXIT_PREFIX + key);
        }
      }
      if (v.docker !== undefined) removeFrom(this.podlessByDocker, v.docker, id);
      this.entries.delete(id);
      this.dirty.delete(id);
      // Children may have borrowed its binary, and their findings looked at it.
      for (const child of this.childrenByParent.get(id) ?? []) this.markIfKnown(child);
      if (entry.reportedGroup !== undefined) {
        this.forgotten.push({ execId: id, group: entry.reportedGroup });
      }
    }
  }

  forgetMarkers(ids: Iterable<string>): void {
    this.lossMarkers.forget(ids);
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
    const ids = this.members.get(group);
    if (!ids) return [];
    return [...ids]
      .map((id) => this.process(id))
      .filter((p) => p !== undefined)
      .sort(compareProcesses);
  }

  tree(group: string): ProcessTreeRoot[] {
    return shapeTree(this.processes(group), (root) => {
      if (root.parentExecId === null || root.parentExecId === root.execId) return null;
      const parent = this.process(root.parentExecId);
      return parent && parent.group !== group ? parent : null;
    });
  }

  ancestors(execId: string): Process[] {
    const result: Process[] = [];
    const seen = new Set<string>([execId]);
    let parentId = this.entries.get(execId)?.merged.values.parentExecId;
    while (parentId !== undefined && !seen.has(parentId)) {
      seen.add(parentId);
      const parent = this.process(parentId);
      if (!parent) break;
      result.push(parent);
      parentId = parent.parentExecId ?? undefined;
    }
    return result;
  }

  children(execId: string): Process[] {
    const ids = this.childrenByParent.get(execId);
    if (!ids) return [];
    return [...ids]
      .filter((id) => id !== execId)
      .map((id) => this.process(id))
      .filter((p) => p !== undefined)
      .sort(compareProcesses);
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

  private entry(execId: string, pendingExitKey?: string): ProcessEntry {
    let entry = this.entries.get(execId);
    if (!entry) {
      entry = createEntry(execId, pendingExitKey);
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
    const isNew = !this.entries.has(execId);
    const entry = this.entry(execId);
    const values = entry.merged.values;
    const before = {
      parent: values.parentExecId,
      replacerKey: replacerKeyOf(entry),
      pidStart: pidStartKeyOf(entry),
      docker: values.docker,
      hadPod: values.pod !== undefined,
    };
    const node = eventNode || decodeExecId(execId)?.node || '';
    const rankBefore = entry.merged.bestRank;
    const changed = mergeSnapshot(entry.merged, this.withInternedPod(snapshot), rank, node);
    if (snapshot.docker && snapshot.pod) this.learnContainerPod(snapshot.docker, snapshot.pod);
    if (!isNew && changed.length === 0) {
      if (entry.merged.bestRank !== rankBefore) this.touch(execId);
      return;
    }
    this.touch(execId);

    if (changed.includes('parentExecId')) {
      if (before.parent !== undefined) {
        removeFrom(this.childrenByParent, before.parent, execId);
        this.touch(before.parent);
      }
      if (values.parentExecId !== undefined)
        addTo(this.childrenByParent, values.parentExecId, execId);
    }
    // A parent's state depends on its children (exec without fork marks it replaced).
    if (values.parentExecId !== undefined) this.markIfKnown(values.parentExecId);
    const replacerKey = replacerKeyOf(entry);
    if (replacerKey !== before.replacerKey) {
      if (before.replacerKey !== undefined) removeFrom(this.replacers, before.replacerKey, execId);
      if (replacerKey !== undefined) addTo(this.replacers, replacerKey, execId);
    }

    const pidStart = pidStartKeyOf(entry);
    if (pidStart !== before.pidStart) {
      if (before.pidStart !== undefined) {
        removeFrom(this.byPidStart, before.pidStart, execId);
        this.refreshMembership(PENDING_EXIT_PREFIX + before.pidStart);
      }
      if (pidStart !== undefined) {
        addTo(this.byPidStart, pidStart, execId);
        this.refreshMembership(PENDING_EXIT_PREFIX + pidStart);
      }
    }
    if (values.docker !== before.docker || (values.pod !== undefined) !== before.hadPod) {
      if (before.docker !== undefined) removeFrom(this.podlessByDocker, before.docker, execId);
      if (values.docker !== undefined && values.pod === undefined) {
        addTo(this.podlessByDocker, values.docker, execId);
      }
    }
    if (changed.includes('binary')) {
      // Children may borrow the parent's binary, and their findings look at it.
      for (const child of this.childrenByParent.get(execId) ?? []) this.touch(child);
    }
    this.refreshMembership(execId);
    if (changed.includes('binary') || changed.includes('arguments')) {
      this.registerDownloads(entry, entry.group, this.downloadsOf(entry));
    }
  }

  private applyExit(execId: string, exit: ExitInfo): void {
    const entry = this.entry(execId);
    const next = maxExit(entry.exit, exit);
    if (sameExit(next, entry.exit)) return;
    entry.exit = next;
    this.touch(execId);
    this.refreshMembership(execId);
  }

  private applyPendingExit(process: ProcessSnapshot, event: ParsedEvent, exit: ExitInfo): void {
    const key = pidStartKey(event.node, process.pid, timeKey(process.startTime));
    if (key === undefined) return;
    const previous = this.pendingExits.get(key);
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
    this.pendingExits.set(key, next as ExitInfo);
    this.touch(id);
    for (const match of this.byPidStart.get(key) ?? []) this.touch(match);
    this.refreshMembership(id);
  }

  private withInternedPod(snapshot: ProcessSnapshot): ProcessSnapshot {
    const pod = snapshot.pod;
    if (pod === undefined) return snapshot;
    const key = podKeyOf(pod);
    const known = this.podIntern.get(key);
    if (known === undefined) {
      this.podIntern.set(key, pod);
      return snapshot;
    }
    return known === pod ? snapshot : { ...snapshot, pod: known };
  }

  private learnContainerPod(docker: string, pod: PodInfo): void {
    const key = podKeyOf(pod);
    const known = this.podByDocker.get(docker);
    if (known && known.key >= key) return;
    this.podByDocker.set(docker, { pod, key });
    for (const id of this.podlessByDocker.get(docker) ?? []) this.refreshMembership(id);
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
      const next = view ? contributionOf(view) : undefined;
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
    const next = this.isHidden(entry) ? '' : this.groupOf(entry);
    if (next === entry.group) return;
    if (entry.group) removeFrom(this.members, entry.group, execId);
    if (next) addTo(this.members, next, execId);
    const downloads = entry.downloads;
    this.registerDownloads(entry, entry.group, []);
    entry.group = next;
    this.registerDownloads(entry, next, downloads.length ? downloads : this.downloadsOf(entry));
    this.touch(execId);
  }

  private downloadsOf(entry: ProcessEntry): string[] {
    const v = entry.merged.values;
    return v.binary ? downloadTargets(v.binary, v.arguments ?? '') : [];
  }

  /**
   * Moves an entry's downloads to `paths` in `group`. A new or vanished download changes
   * the findings of whatever in the group runs or chmods that path, so the group is marked.
   */
  private registerDownloads(entry: ProcessEntry, group: string, paths: string[]): void {
    const id = entry.merged.execId;
    const changed = this.downloads.move(id, entry.group, entry.downloads, group, paths);
    entry.downloads = group ? paths : [];
    for (const g of changed) {
      for (const member of this.members.get(g) ?? []) this.touch(member);
    }
  }

  // ---- reading -------------------------------------------------------------------------

  private isHidden(entry: ProcessEntry): boolean {
    const key = entry.pendingExitKey;
    if (key === undefined) return false;
    return !this.pendingExits.has(key) || (this.byPidStart.get(key)?.size ?? 0) > 0;
  }

  private effectivePod(entry: ProcessEntry): PodInfo | undefined {
    const v = entry.merged.values;
    if (v.pod) return v.pod;
    return v.docker !== undefined ? this.podByDocker.get(v.docker)?.pod : undefined;
  }

  private groupOf(entry: ProcessEntry): string {
    const v = entry.merged.values;
    return groupFor(this.effectivePod(entry), v.docker, v.node ?? '');
  }

  private exitOf(entry: ProcessEntry): ExitInfo | undefined {
    if (entry.pendingExitKey !== undefined) return this.pendingExits.get(entry.pendingExitKey);
    const key = pidStartKeyOf(entry);
    return maxExit(entry.exit, key !== undefined ? this.pendingExits.get(key) : undefined);
  }

  /** The image that replaced this one by exec without fork, if any (largest id on ties). */
  private replacedBy(entry: ProcessEntry): string | null {
    const self = entry.merged.values;
    if (self.pid === undefined) return null;
    let best: string | null = null;
    for (const childId of this.replacers.get(`${entry.merged.execId}|${self.pid}`) ?? []) {
      if (childId === entry.merged.execId) continue;
      if (best === null || childId > best) best = childId;
    }
    return best;
  }

  private view(entry: ProcessEntry): Process {
    const v = entry.merged.values;
    const parentId = v.parentExecId;
    const exit = this.exitOf(entry);
    return buildProcessView(entry, {
      exit,
      replacedBy: exit ? null : this.replacedBy(entry),
      parentBinary:
        parentId !== undefined && parentId !== entry.merged.execId
          ? this.entries.get(parentId)?.merged.values.binary
          : undefined,
      pod: this.effectivePod(entry),
      downloads: this.downloads.pathsIn(entry.group),
    });
  }

  private emptyGroup(key: string): GroupSummary {
    return summarizeGroup(key, []);
  }
}
