/**
 * What a graph card says, fitted to its width. Cards use a monospace face, so fitting is
 * a character count, not a text measurement.
 */
import type { Process } from '@exectree/domain';
import { basename, printable, truncateEnd } from './format.ts';
import { processStatus, type StatusBadgeModel } from './status.ts';

/** Advance widths of the card fonts (monospace) at their sizes, in px per character. */
export const NAME_CHAR_PX = 7.9;
export const DETAIL_CHAR_PX = 6.7;
export const BADGE_CHAR_PX = 6.3;

export const CARD_PADDING_X = 16;

export interface NodeLabel {
  name: string;
  /** Second line: the arguments, or the binary's full path when there are none. */
  detail: string;
  detailIsPath: boolean;
  badge: StatusBadgeModel & { width: number };
  /** Full text for the tooltip and the accessible name. */
  full: string;
}

export function badgeWidth(badge: StatusBadgeModel): number {
  const dot = badge.tone === 'running' ? 10 : 0;
  return Math.round(badge.label.length * BADGE_CHAR_PX + 14 + dot);
}

export function nodeLabel(process: Process, cardWidth: number): NodeLabel {
  const status = processStatus(process);
  const width = badgeWidth(status);
  const binary = printable(process.binary || '<unknown>');
  const args = printable(process.arguments);
  const nameChars = Math.floor((cardWidth - CARD_PADDING_X * 2 - width - 6) / NAME_CHAR_PX);
  const detailChars = Math.floor((cardWidth - CARD_PADDING_X * 2) / DETAIL_CHAR_PX);
  const detailIsPath = args === '';
  return {
    name: truncateEnd(basename(binary) || binary, nameChars),
    detail: truncateEnd(detailIsPath ? binary : args, detailChars),
    detailIsPath,
    badge: { ...status, width },
    full: args ? `${binary} ${args}` : binary,
  };
}
