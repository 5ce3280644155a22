/**
 * What a graph card shows and where, in card coordinates. The SVG and the canvas renderer
 * both draw from this model and hit-test against it, so the two modes look and behave the
 * same. Cards use a monospace face, so fitting text is a character count.
 */
import type { Finding, Process } from '@exectree/domain';
import type { DisplayNode, GroupItem, ProcessItem } from './grouping.ts';
import { chainLabel, countOutcomes } from './grouping.ts';
import { formatCount, printable, truncateEnd } from './format.ts';
import { nameSegments, TEXT_X, type NameSegment } from './card-names.ts';
import { findingsSummary, isExecProbe, noteworthyFindings } from './findings.ts';
import { processStatus, type StatusBadgeModel, type StatusTone } from './status.ts';
import { badgeWidth, BADGE_CHAR_PX, DETAIL_CHAR_PX, NAME_CHAR_PX } from './node-label.ts';

export { TEXT_X, type NameSegment } from './card-names.ts';
export const NAME_Y = 23;
export const DETAIL_Y = 42;
export const BADGE_Y = 11;
export const BADGE_H = 18;

export interface Chip {
  label: string;
  title: string;
  x: number;
  width: number;
}

export interface BarSegment {
  tone: StatusTone;
  y: number;
  height: number;
}

export interface Toggle {
  open: boolean;
  /** "−", "+" or "+12". */
  label: string;
  /** Left end of the pill, which straddles the card's right edge at mid-height. */
  x: number;
  width: number;
  /** Closed, with flagged processes inside. */
  flagged: number;
  description: string;
}

export interface Marker {
  solid: boolean;
  label: string;
}

function markerFor(findings: readonly Finding[], flaggedInside: number): Marker | null {
  if (findings.length > 0) return { solid: true, label: `Finding: ${findingsSummary(findings)}` };
  if (flaggedInside > 0) {
    const what = flaggedInside === 1 ? 'flagged process' : 'flagged processes';
    return { solid: false, label: `${formatCount(flaggedInside)} ${what} inside` };
  }
  return null;
}

export interface CardModel {
  kind: 'process' | 'group';
  tone: StatusTone;
  names: NameSegment[];
  detail: string;
  detailIsPath: boolean;
  badge: StatusBadgeModel & { x: number; width: number; count: boolean };
  chips: Chip[];
  bar: BarSegment[];
  /** Findings on the card's own processes (noteworthy ones only). */
  findings: Finding[];
  /** Closed group or subtree with flagged processes: the marker's count, else 0. */
  flaggedInside: number;
  /** The corner marker: solid for the card's own findings, a ring for flagged ones hidden inside. */
  marker: Marker | null;
  toggle: Toggle | null;
  /** Accessible name and tooltip text. */
  label: string;
}

function toneOf(process: Process): StatusTone {
  return processStatus(process).tone;
}

function chipsFor(process: Process, right: number): Chip[] {
  const specs: { label: string; title: string }[] = [];
  if (isExecProbe(process)) {
    specs.push({ label: 'probe', title: 'Likely a Kubernetes exec probe (maybe_exec_probe)' });
  }
  if (process.preExisting) {
    specs.push({ label: 'procFS', title: 'Running before Tetragon started (procFS)' });
  }
  const chips: Chip[] = [];
  let x = right;
  for (const spec of specs) {
    const width = Math.round(spec.label.length * BADGE_CHAR_PX + 12);
    x -= width;
    chips.push({ ...spec, x, width });
    x -= 4;
  }
  return chips;
}

function barSegments(images: readonly Process[], height: number): BarSegment[] {
  const top = 12;
  const total = height - 24;
  const gap = images.length > 1 ? 3 : 0;
  const each = (total - gap * (images.length - 1)) / images.length;
  return images.map((image, i) => ({
    tone: toneOf(image),
    y: top + i * (each + gap),
    height: each,
  }));
}

export const TOGGLE_H = 18;

function toggleFor(item: DisplayNode, width: number): Toggle | null {
  if (item.childCount === 0) return null;
  const hidden = item.kind === 'process' ? item.descendants : item.childCount;
  const flagged = item.open ? 0 : item.kind === 'process' ? item.flaggedDescendants : item.flagged;
  const label = item.open ? '−' : item.kind === 'process' ? `+${formatCount(hidden)}` : '+';
  const pill = Math.max(TOGGLE_H, Math.round(Array.from(label).length * 6.6 + 11));
  const what = item.kind === 'group' ? 'the repeats' : `${formatCount(hidden)} processes below`;
  return {
    open: item.open,
    label,
    x: width - TOGGLE_H / 2,
    width: pill,
    flagged,
    description: item.open ? `Collapse ${what}` : `Expand ${what}`,
  };
}

export function processCard(item: ProcessItem, width: number, height: number): CardModel {
  const process = item.process;
  const status = processStatus(process);
  const badgeW = badgeWidth(status);
  const findings = item.images.flatMap(noteworthyFindings);
  const nameChars = Math.floor((width - TEXT_X * 2 - badgeW - 6) / NAME_CHAR_PX);
  const chips = chipsFor(process, width - 10);
  const chipsWidth = chips.length > 0 ? width - 10 - (chips[chips.length - 1]?.x ?? 0) + 6 : 0;
  const detailChars = Math.floor((width - TEXT_X * 2 - chipsWidth) / DETAIL_CHAR_PX);
  const binary = printable(process.binary || '<unknown>');
  const args = printable(process.arguments);
  const detailIsPath = args === '';
  const full = (p: Process) => {
    const b = printable(p.binary || '<unknown>');
    return p.arguments ? `${b} ${printable(p.arguments)}` : b;
  };
  const parts = [item.images.map(full).join(' → then exec → '), status.description];
  if (process.preExisting) parts.push('running before Tetragon started');
  if (isExecProbe(process)) parts.push('exec probe');
  if (findings.length > 0) parts.push(findingsSummary(findings));
  if (!item.open && item.descendants > 0) {
    parts.push(`collapsed, ${formatCount(item.descendants)} processes below`);
    if (item.flaggedDescendants > 0) parts.push(`${item.flaggedDescendants} of them flagged`);
  }
  return {
    kind: 'process',
    tone: status.tone,
    names: nameSegments(item.images, nameChars),
    detail: truncateEnd(detailIsPath ? binary : args, detailChars),
    detailIsPath,
    badge: { ...status, x: width - badgeW - 10, width: badgeW, count: false },
    chips,
    bar: barSegments(item.images, height),
    findings,
    flaggedInside: item.open ? 0 : item.flaggedDescendants,
    marker: markerFor(findings, item.open ? 0 : item.flaggedDescendants),
    toggle: toggleFor(item, width),
    label: parts.join(' — '),
  };
}

export function groupCard(group: GroupItem, width: number, height: number): CardModel {
  const counts = countOutcomes(group.outcomes);
  const total = group.members.length;
  const full = printable(group.chain.join(' → '));
  const count = `×${formatCount(total)}`;
  const tone: StatusTone =
    counts.signaled > 0
      ? 'danger'
      : counts.failed > 0
        ? 'warn'
        : counts.running > 0
          ? 'running'
          : 'ok';
  const summary = [
    counts.running > 0 && `${counts.running} running`,
    counts.ok > 0 && `${counts.ok} exit 0`,
    counts.failed > 0 && `${counts.failed} failed`,
    counts.signaled > 0 && `${counts.signaled} killed`,
    counts.other > 0 && `${counts.other} other`,
  ]
    .filter((p): p is string => typeof p === 'string')
    .join(' · ');
  const countWidth = Math.round(count.length * 7 + 14);
  const nameChars = Math.floor((width - TEXT_X * 2 - countWidth - 6) / NAME_CHAR_PX);
  const detailChars = Math.floor((width - TEXT_X * 2) / DETAIL_CHAR_PX);
  const name = truncateEnd(printable(chainLabel(group.chain)), nameChars);
  const parts = [`${total} × ${full} (${summary})`, group.open ? 'expanded' : 'collapsed'];
  if (group.flagged > 0) parts.push(`${group.flagged} flagged`);
  return {
    kind: 'group',
    tone,
    names: [
      {
        text: name,
        execId: null,
        x: TEXT_X,
        width: Array.from(name).length * NAME_CHAR_PX,
        past: false,
      },
    ],
    detail: truncateEnd(summary, detailChars),
    detailIsPath: false,
    badge: {
      tone,
      label: count,
      description: `${total} repeats`,
      x: width - countWidth - 10,
      width: countWidth,
      count: true,
    },
    chips: [],
    bar: [{ tone, y: 12, height: height - 24 }],
    findings: [],
    flaggedInside: group.open ? 0 : group.flagged,
    marker: markerFor([], group.open ? 0 : group.flagged),
    toggle: toggleFor(group, width),
    label: parts.join(', '),
  };
}

export function cardModel(item: DisplayNode, width: number, height: number): CardModel {
  return item.kind === 'process'
    ? processCard(item, width, height)
    : groupCard(item, width, height);
}
