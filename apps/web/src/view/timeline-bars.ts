/**
 * The bars of one timeline row. A process row is a lane: one segment per exec image, each
 * coloured by its own outcome, so `sh -c 'exec nginx'` reads as one process that changed
 * program. A folded "×N" row draws every member's bar, merged where they touch, coloured
 * by the worst outcome among them.
 */
import type { Process } from '@exectree/domain';
import { processStatus, type StatusTone } from './status.ts';
import type { ProcessLookup } from './time-range.ts';
import { barGeometry, packBars, spanOf, type BarGeometry, type Domain } from './timeline-scale.ts';

export interface DrawnBar extends BarGeometry {
  tone: StatusTone;
  /** The process the bar stands for (the first one, for merged bars). */
  execId: string;
  /** How many processes the bar stands for. */
  count: number;
}

export interface BarFrame {
  domain: Domain;
  width: number;
  now: number;
}

export function laneBars(
  images: readonly Process[],
  frame: BarFrame,
  lookup?: ProcessLookup,
): DrawnBar[] {
  const bars: DrawnBar[] = [];
  for (const image of images) {
    const geometry = barGeometry(spanOf(image, lookup), frame.now, frame.domain, frame.width);
    if (geometry) {
      bars.push({ ...geometry, tone: processStatus(image).tone, execId: image.execId, count: 1 });
    }
  }
  return bars;
}

/** Most alarming first: a merged bar takes the colour of its worst member. */
const SEVERITY: Record<StatusTone, number> = { danger: 4, warn: 3, running: 2, ok: 1, muted: 0 };

export function worstTone(a: StatusTone, b: StatusTone): StatusTone {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

/**
 * Bars for a folded group: member i runs from its own start to its own end, and takes the
 * outcome of `outcomes[i]` (the end of its chain, what the group card summarises).
 */
export function groupBars(
  members: readonly Process[],
  outcomes: readonly Process[],
  frame: BarFrame,
  lookup?: ProcessLookup,
): DrawnBar[] {
  const placed: DrawnBar[] = [];
  members.forEach((member, i) => {
    const geometry = barGeometry(spanOf(member, lookup), frame.now, frame.domain, frame.width);
    if (!geometry) return;
    const tone = processStatus(outcomes[i] ?? member).tone;
    placed.push({ ...geometry, tone, execId: member.execId, count: 1 });
  });
  placed.sort((a, b) => a.left - b.left);
  const packed = packBars(placed);
  // packBars merges in left order; walk the same order to give each run its members' colour.
  const out: DrawnBar[] = [];
  let at = 0;
  for (const run of packed) {
    const first = placed[at] as DrawnBar;
    let tone = first.tone;
    let open = false;
    let clippedStart = false;
    let clippedEnd = false;
    for (let k = 0; k < run.count; k++) {
      const bar = placed[at + k] as DrawnBar;
      tone = worstTone(tone, bar.tone);
      open ||= bar.open;
      clippedStart ||= bar.clippedStart;
      clippedEnd ||= bar.clippedEnd;
    }
    out.push({ ...run, tone, open, clippedStart, clippedEnd, execId: first.execId });
    at += run.count;
  }
  return out;
}
