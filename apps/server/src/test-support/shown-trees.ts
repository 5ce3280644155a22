import type { TreeReader } from '@exectree/domain';

/** Everything a client can see of the trees: the groups, their processes and the markers. */
export function shownTrees(reader: TreeReader) {
  const groups = reader.groups();
  return {
    groups,
    processes: groups.map((group) => reader.processes(group.key)),
    markers: reader.markers(),
  };
}
