/** Which of its designed states the center pane shows. */
import type { GroupSummary } from '@exectree/domain';
import type { ConnectionStatus, TreeState } from '../stores/live-store.ts';

export type TreeViewState =
  /** No group chosen yet. */
  | 'welcome'
  /** The server was never reached; nothing to show yet. */
  | 'unreachable'
  | 'loading'
  | 'error'
  /** The group is not (or no longer) known to the server. */
  | 'gone'
  /** Known group, currently no processes. */
  | 'empty'
  | 'ready';

export function treeViewState(
  group: string | null,
  tree: TreeState,
  groups: ReadonlyMap<string, GroupSummary> | null,
  connection: ConnectionStatus,
): TreeViewState {
  if (group === null)
    return groups === null && connection === 'unreachable' ? 'unreachable' : 'welcome';
  if (tree.group !== group) return 'loading';
  if (tree.status === 'error') return 'error';
  if (tree.processes.size > 0) return 'ready';
  if (tree.status !== 'ready') return connection === 'unreachable' ? 'unreachable' : 'loading';
  if (groups !== null && !groups.has(group)) return 'gone';
  return 'empty';
}
