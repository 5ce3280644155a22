/**
 * The user's open/closed choices. Groups start closed (`expanded` lists the open ones),
 * processes start open (`collapsed` lists the closed ones). A toggle first makes the items
 * that were only open to reveal the selection explicitly open, so they stay as they look.
 */
export interface Expansion {
  expanded: ReadonlySet<string>;
  collapsed: ReadonlySet<string>;
}

export function isGroupId(id: string): boolean {
  return id.startsWith('group:');
}

export function toggleExpansion(
  current: Expansion,
  id: string,
  open: boolean,
  forcedOpen: readonly string[],
): Expansion {
  const expanded = new Set(current.expanded);
  const collapsed = new Set(current.collapsed);
  const setOpen = (target: string, value: boolean) => {
    if (isGroupId(target)) {
      if (value) expanded.add(target);
      else expanded.delete(target);
    } else if (value) {
      collapsed.delete(target);
    } else {
      collapsed.add(target);
    }
  };
  for (const forced of forcedOpen) setOpen(forced, true);
  setOpen(id, open);
  return { expanded, collapsed };
}
