import type { Process, TreeChanges } from '@exectree/domain';

export interface GroupChanges {
  upserts: Process[];
  removes: string[];
}

export function hasChanges(changes: TreeChanges): boolean {
  return (
    changes.upserts.length > 0 ||
    changes.removes.length > 0 ||
    changes.groups.length > 0 ||
    changes.markers.length > 0
  );
}

/** Splits one drain by group once, so each socket only looks up its own group. */
export function indexByGroup(changes: TreeChanges): Map<string, GroupChanges> {
  const index = new Map<string, GroupChanges>();
  const entry = (group: string) => {
    let found = index.get(group);
    if (!found) {
      found = { upserts: [], removes: [] };
      index.set(group, found);
    }
    return found;
  };
  for (const process of changes.upserts) entry(process.group).upserts.push(process);
  for (const remove of changes.removes) entry(remove.group).removes.push(remove.execId);
  return index;
}
