import { useLiveStore } from '../../stores/live-store.ts';
import { useUiStore } from '../../stores/ui-store.ts';
import { useExplorerStore } from '../../stores/explorer-store.ts';
import { useExplorerView } from '../../stores/use-explorer-view.ts';
import { treeViewState } from '../../view/tree-view-state.ts';
import { EmptyRange, NoMatches } from '../EmptyState/FilterEmptyStates.tsx';
import { ProcessGraph } from '../ProcessGraph/ProcessGraph.tsx';
import { GroupHeader } from '../ProcessGraph/GroupHeader.tsx';
import { MatchStyles } from '../Search/MatchStyles.tsx';
import { Timeline } from '../Timeline/Timeline.tsx';
import { ExplorerBar } from './ExplorerBar.tsx';
import { SplitPane } from './SplitPane.tsx';
import './Workspace.css';

/** Over the graph when the time range or "only matches" leaves nothing to draw. */
function FilteredEmpty() {
  const range = useExplorerStore((s) => s.range);
  const onlyMatches = useExplorerStore((s) => s.onlyMatches);
  return (
    <div className="workspace__overlay">
      {range !== null ? (
        <EmptyRange range={range} testId="graph-empty-range" />
      ) : (
        onlyMatches && <NoMatches testId="graph-empty-matches" />
      )}
    </div>
  );
}

function GraphPane({ empty }: { empty: boolean }) {
  return (
    <div className="workspace__pane">
      <ProcessGraph />
      {empty && <FilteredEmpty />}
    </div>
  );
}

function TimelinePane({ group }: { group: string }) {
  const summary = useLiveStore((s) => s.groups?.get(group));
  const processes = useExplorerView().visible;
  return (
    <main className="graph" aria-label="Process timeline">
      <GroupHeader groupKey={group} summary={summary} processes={processes} />
      <Timeline />
    </main>
  );
}

/**
 * The center column: the query bar, then the graph, the timeline, or both. Until the
 * group's tree is there (welcome, loading, errors) the graph's designed states show
 * whatever the view.
 */
export function Workspace() {
  const group = useUiStore((s) => s.group);
  const mode = useExplorerStore((s) => s.view);
  const tree = useLiveStore((s) => s.tree);
  const groups = useLiveStore((s) => s.groups);
  const connection = useLiveStore((s) => s.connection.status);
  const visible = useExplorerView().visible;
  const state = treeViewState(group, tree, groups, connection);
  const ready = state === 'ready' && group !== null;
  const filteredEmpty = ready && visible.size === 0;

  let content;
  if (!ready || mode === 'graph') content = <GraphPane empty={filteredEmpty} />;
  else if (mode === 'timeline') content = <TimelinePane group={group} />;
  else content = <SplitPane top={<GraphPane empty={filteredEmpty} />} bottom={<Timeline />} />;

  return (
    <div className="workspace" data-view={ready ? mode : 'graph'}>
      <ExplorerBar />
      <MatchStyles />
      {content}
    </div>
  );
}
