/**
 * Which drawn nodes to ring as search matches and which to dim as context. A match hidden
 * inside a closed node rings the node that hides it, so it can still be found.
 */
export interface Highlights {
  matched: ReadonlySet<string>;
  dimmed: ReadonlySet<string>;
}

export const NO_HIGHLIGHTS: Highlights = { matched: new Set(), dimmed: new Set() };

export function highlightNodes(
  matches: readonly string[],
  context: ReadonlySet<string>,
  locate: ReadonlyMap<string, string>,
  max = Infinity,
): Highlights {
  if (matches.length === 0 && context.size === 0) return NO_HIGHLIGHTS;
  const matched = new Set<string>();
  for (const id of matches) {
    if (matched.size >= max) break;
    matched.add(locate.get(id) ?? id);
  }
  const dimmed = new Set<string>();
  for (const id of context) {
    if (dimmed.size >= max) break;
    // Only a node drawn for the process itself, not a closed ancestor standing in for it.
    if (locate.get(id) === id && !matched.has(id)) dimmed.add(id);
  }
  return { matched, dimmed };
}
