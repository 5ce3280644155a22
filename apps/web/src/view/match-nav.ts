/**
 * Next/previous through search matches, in tree order, wrapping at the ends. The current
 * match is the selected process; when the selection is not a match, "next" is the first
 * match after it in tree order (and "previous" the last one before it).
 */
export type Direction = 1 | -1;

export function stepMatch(
  matches: readonly string[],
  current: string | null,
  direction: Direction,
  positionOf: (id: string) => number | undefined,
): string | null {
  const n = matches.length;
  if (n === 0) return null;
  const index = current === null ? -1 : matches.indexOf(current);
  if (index >= 0) return matches[(index + direction + n) % n] ?? null;

  const position = current === null ? undefined : positionOf(current);
  if (position === undefined) return (direction === 1 ? matches[0] : matches[n - 1]) ?? null;
  if (direction === 1) {
    for (const id of matches) if ((positionOf(id) ?? -1) > position) return id;
    return matches[0] ?? null;
  }
  for (let i = n - 1; i >= 0; i--) {
    const id = matches[i] as string;
    if ((positionOf(id) ?? Infinity) < position) return id;
  }
  return matches[n - 1] ?? null;
}

/** "3 of 17" when the selection is a match, "17 matches" otherwise, "No matches" for none. */
export function matchLabel(matches: readonly string[], current: string | null): string {
  const n = matches.length;
  if (n === 0) return 'No matches';
  const index = current === null ? -1 : matches.indexOf(current);
  if (index >= 0) return `${(index + 1).toLocaleString('en-US')} of ${n.toLocaleString('en-US')}`;
  return n === 1 ? '1 match' : `${n.toLocaleString('en-US')} matches`;
}
