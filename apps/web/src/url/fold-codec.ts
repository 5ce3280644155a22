/**
 * The graph's folds in the URL (`fold=`): the ×N groups the user opened and the processes
 * they closed, compact and bounded.
 *
 * The value is a list of items separated by "!". An item is a kind letter (`c`: a closed
 * process, by exec id; `e`: an open group, by its id without the "group:" prefix), how many
 * leading characters its id shares with the previous item's id (base 36), ".", and the rest
 * of the id. Items are sorted by id, so ids from one node, whose exec ids start alike, cost
 * only their distinct tails (front coding). A "!" inside an id is written "!!".
 *
 * A link must stay shareable, so the value is capped at MAX_FOLD_CHARS once percent-encoded:
 * the most recent choices are kept, older ones dropped.
 */
import { isGroupId } from '../view/expansion.ts';

export interface Folds {
  /** Group ids ("group:…") the user opened. */
  expanded: ReadonlySet<string>;
  /** Exec ids of the processes the user closed. */
  collapsed: ReadonlySet<string>;
}

export const NO_FOLDS: Folds = { expanded: new Set(), collapsed: new Set() };

export const MAX_FOLD_CHARS = 1500;
/** Choices beyond this many are not even tried: they could never fit. */
const MAX_CANDIDATES = 256;

const GROUP_PREFIX = 'group:';
const SEPARATOR = '!';

interface Item {
  kind: 'c' | 'e';
  id: string;
}

function sharedPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  while (n < max && a[n] === b[n]) n += 1;
  return n;
}

function encodeItems(items: readonly Item[]): string {
  const sorted = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let previous = '';
  return sorted
    .map(({ kind, id }) => {
      const shared = sharedPrefix(previous, id);
      previous = id;
      return `${kind}${shared.toString(36)}.${id.slice(shared).replaceAll(SEPARATOR, '!!')}`;
    })
    .join(SEPARATOR);
}

/** Newest first, alternating between the two sets (each lists its choices oldest first). */
function newestFirst(folds: Folds): Item[] {
  const closed = [...folds.collapsed].reverse().map((id): Item => ({ kind: 'c', id }));
  const opened = [...folds.expanded]
    .filter(isGroupId)
    .reverse()
    .map((id): Item => ({ kind: 'e', id: id.slice(GROUP_PREFIX.length) }));
  const items: Item[] = [];
  for (let i = 0; i < Math.max(closed.length, opened.length); i += 1) {
    const a = closed[i];
    const b = opened[i];
    if (a) items.push(a);
    if (b) items.push(b);
  }
  return items.slice(0, MAX_CANDIDATES);
}

/** The `fold` value for the folds, "" when there are none. */
export function encodeFolds(folds: Folds, maxChars = MAX_FOLD_CHARS): string {
  const kept: Item[] = [];
  let value = '';
  for (const item of newestFirst(folds)) {
    const next = encodeItems([...kept, item]);
    if (encodeURIComponent(next).length > maxChars) break;
    kept.push(item);
    value = next;
  }
  return value;
}

/** Splits on single "!", turning "!!" back into "!". */
function splitItems(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i];
    if (char !== SEPARATOR) {
      current += char;
    } else if (value[i + 1] === SEPARATOR) {
      current += SEPARATOR;
      i += 1;
    } else {
      parts.push(current);
      current = '';
    }
  }
  parts.push(current);
  return parts;
}

const ITEM = /^([ce])([0-9a-z]+)\.(.*)$/s;

/** The folds a `fold` value names; a malformed value names none. */
export function decodeFolds(value: string | null): Folds {
  if (value === null || value === '') return NO_FOLDS;
  const expanded = new Set<string>();
  const collapsed = new Set<string>();
  let previous = '';
  for (const part of splitItems(value)) {
    const match = ITEM.exec(part);
    if (!match) return NO_FOLDS;
    const [, kind, sharedText = '', rest = ''] = match;
    const shared = Number.parseInt(sharedText, 36);
    if (shared > previous.length) return NO_FOLDS;
    const id = previous.slice(0, shared) + rest;
    if (id === '') return NO_FOLDS;
    if (kind === 'c') collapsed.add(id);
    else expanded.add(GROUP_PREFIX + id);
    previous = id;
  }
  return { expanded, collapsed };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export function sameFolds(a: Folds, b: Folds): boolean {
  return sameSet(a.expanded, b.expanded) && sameSet(a.collapsed, b.collapsed);
}
