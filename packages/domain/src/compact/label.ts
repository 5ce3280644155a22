/** The event column: an emoji, then the kind left-aligned in 7 runes (Go's `%-7s`). */
export function eventLabel(emoji: string, kind: string): string {
  const width = [...kind].length;
  return `${emoji} ${kind}${' '.repeat(Math.max(0, 7 - width))}`;
}
