/** The name line of a card: one segment per lane image, fitted to the card's width. */
import type { Process } from '@exectree/domain';
import { basename, printable, truncateEnd } from './format.ts';
import { NAME_CHAR_PX } from './node-label.ts';

export const TEXT_X = 16;
const SEPARATOR = ' › ';

export interface NameSegment {
  text: string;
  /** The image it names; null for the "…" standing in for middle images. */
  execId: string | null;
  x: number;
  width: number;
  /** An earlier image of the lane: drawn quieter than the current one. */
  past: boolean;
}

/** Fits lane names into `max` characters, keeping as much of the last (current) name as possible. */
export function fitNames(names: readonly string[], max: number): string[] {
  const total = names.join(SEPARATOR).length;
  if (total <= max || names.length === 0) return [...names];
  if (names.length > 3) {
    const first = names[0] ?? '';
    const last = names[names.length - 1] ?? '';
    return fitNames([first, '…', last], max);
  }
  const last = names[names.length - 1] ?? '';
  const earlier = names.slice(0, -1);
  const separators = earlier.length * SEPARATOR.length;
  const lastMax = Math.max(1, Math.min(last.length, max - separators - earlier.length * 4));
  const share = Math.max(1, Math.floor((max - separators - lastMax) / Math.max(1, earlier.length)));
  return [...earlier.map((n) => truncateEnd(n, share)), truncateEnd(last, lastMax)];
}

export function nameSegments(images: readonly Process[], maxChars: number): NameSegment[] {
  const names = images.map((p) => {
    const binary = printable(p.binary || '<unknown>');
    return basename(binary) || binary;
  });
  const fitted = fitNames(names, maxChars);
  const collapsedMiddle = fitted.length < names.length;
  let x = TEXT_X;
  return fitted.map((text, i) => {
    const image = collapsedMiddle
      ? i === 0
        ? images[0]
        : i === fitted.length - 1
          ? images[images.length - 1]
          : undefined
      : images[i];
    const segment: NameSegment = {
      text,
      execId: image?.execId ?? null,
      x,
      width: Array.from(text).length * NAME_CHAR_PX,
      past: i < fitted.length - 1,
    };
    x += segment.width + SEPARATOR.length * NAME_CHAR_PX;
    return segment;
  });
}
