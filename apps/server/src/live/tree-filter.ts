import { groupKey, parseGroupKey, type Process, type TreeFilter } from '@exectree/domain';

/** A validated filter, split into what can be decided per group and what needs the process. */
export interface CompiledFilter {
  readonly filter: TreeFilter;
  /** The only group keys that can match, when the filter pins them down; else undefined. */
  readonly groups: readonly string[] | undefined;
  matchesGroup(key: string): boolean;
  /** The per-process part (binary, text); call it only for processes of a matching group. */
  matchesFields(process: Process): boolean;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Returns an error message for a filter that can never be valid, e.g. a malformed group key. */
export function filterError(filter: TreeFilter): string | undefined {
  if (filter.group !== undefined && !parseGroupKey(filter.group)) {
    return `invalid group key "${filter.group}" (expected pod/NS/NAME, container/ID or host/NODE)`;
  }
  return undefined;
}

export function compileFilter(filter: TreeFilter): CompiledFilter {
  const { group, namespace, pod, binary } = filter;
  const text = filter.text?.toLowerCase();
  const byPod = namespace !== undefined || pod !== undefined;

  const groups =
    group !== undefined
      ? [group]
      : namespace !== undefined && pod !== undefined
        ? [groupKey({ kind: 'pod', namespace, name: pod })]
        : undefined;

  const matchesGroup = (key: string) => {
    if (group !== undefined && key !== group) return false;
    if (!byPod) return true;
    const ref = parseGroupKey(key);
    return (
      ref?.kind === 'pod' &&
      (namespace === undefined || ref.namespace === namespace) &&
      (pod === undefined || ref.name === pod)
    );
  };

  const matchesFields = (process: Process) =>
    (binary === undefined || process.binary === binary || basename(process.binary) === binary) &&
    (text === undefined ||
      process.binary.toLowerCase().includes(text) ||
      process.arguments.toLowerCase().includes(text) ||
      process.cwd.toLowerCase().includes(text));

  return { filter, groups, matchesGroup, matchesFields };
}
