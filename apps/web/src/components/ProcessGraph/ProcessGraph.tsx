import { parseGroupKey } from '@exectree/domain';
import { useLiveStore } from '../../stores/live-store.ts';
import { selectGroup, selectProcess, setShowProbes, useUiStore } from '../../stores/ui-store.ts';
import { treeViewState } from '../../view/tree-view-state.ts';
import { printable } from '../../view/format.ts';
import { EmptyState } from '../EmptyState/EmptyState.tsx';
import { GraphView } from './GraphView.tsx';
import { GroupHeader } from './GroupHeader.tsx';
import { useGraphModel } from './useGraphModel.ts';
import { Welcome } from './Welcome.tsx';
import './ProcessGraph.css';

function groupLabel(key: string): string {
  const ref = parseGroupKey(key);
  if (!ref) return key;
  return ref.kind === 'pod' ? `${ref.namespace}/${ref.name}` : ref.name;
}

function onSelect(execId: string) {
  selectProcess(execId);
}

export function ProcessGraph() {
  const group = useUiStore((s) => s.group);
  const selected = useUiStore((s) => s.exec);
  const tree = useLiveStore((s) => s.tree);
  const groups = useLiveStore((s) => s.groups);
  const connection = useLiveStore((s) => s.connection.status);
  const attempt = useLiveStore((s) => s.connection.attempt);

  // The time range and "only matches" narrow what is drawn (stores/use-explorer-view.ts);
  // the header describes the whole group.
  const model = useGraphModel();
  const view = treeViewState(group, tree, groups, connection);

  let body;
  switch (view) {
    case 'welcome':
      body = <Welcome />;
      break;
    case 'unreachable':
      body = (
        <EmptyState
          icon="wifi-off"
          tone="danger"
          title="Can't reach the exectree server"
          testId="tree-unreachable"
        >
          <p>
            The dashboard keeps retrying in the background
            {attempt > 0 ? ` (attempt ${attempt})` : ''}. Check that <code>exectree serve</code> is
            running and reachable from this browser.
          </p>
        </EmptyState>
      );
      break;
    case 'loading':
      body = (
        <EmptyState
          icon="tree"
          tone="loading"
          title="Loading process tree…"
          testId="tree-loading"
        />
      );
      break;
    case 'error':
      body = (
        <EmptyState
          icon="alert"
          tone="danger"
          title="Couldn't load this process tree"
          testId="tree-error"
          actions={
            <button type="button" className="btn" onClick={() => selectGroup(null)}>
              Back to overview
            </button>
          }
        >
          <p>{printable(tree.error ?? 'The server refused the subscription.')}</p>
        </EmptyState>
      );
      break;
    case 'gone':
      body = (
        <EmptyState
          icon="pod"
          title="This pod isn't in the event stream"
          testId="tree-gone"
          actions={
            <button type="button" className="btn" onClick={() => selectGroup(null)}>
              Show all workloads
            </button>
          }
        >
          <p>
            exectree has no processes for <code>{printable(groupLabel(group ?? ''))}</code>. The pod
            may have been deleted, or its events haven&apos;t arrived yet — this view updates by
            itself when they do.
          </p>
        </EmptyState>
      );
      break;
    case 'empty':
      body = (
        <EmptyState icon="tree" title="No processes right now" testId="tree-empty">
          <p>New processes appear here live as Tetragon reports them.</p>
        </EmptyState>
      );
      break;
    case 'ready':
      body = null;
      break;
  }

  // Everything in the group is an exec probe, and probes are hidden.
  const onlyProbes = view === 'ready' && model.layout.nodes.length === 0 && model.hiddenProbes > 0;
  return (
    <main className="graph" aria-label="Process tree">
      {group !== null && view !== 'unreachable' && view !== 'gone' && (
        <GroupHeader groupKey={group} summary={groups?.get(group)} processes={tree.processes} />
      )}
      {view === 'ready' && group !== null && !onlyProbes ? (
        <GraphView
          key={group}
          groupKey={group}
          title={groupLabel(group)}
          layout={model.layout}
          locate={model.display.locate}
          selected={selected}
          followFocus={selected !== null}
          matched={model.matched}
          dimmed={model.dimmed}
          onSelect={onSelect}
          onToggle={model.onToggle}
          toolbar={{
            showProbes: model.showProbes,
            hiddenProbes: model.hiddenProbes,
            hasProbes: model.probes > 0,
            onShowProbes: setShowProbes,
            onReset: model.onReset,
          }}
        />
      ) : onlyProbes ? (
        <div className="graph__state">
          <EmptyState
            icon="stack"
            title="Only exec probes ran here"
            testId="tree-only-probes"
            actions={
              <button type="button" className="btn" onClick={() => setShowProbes(true)}>
                Show exec probes
              </button>
            }
          >
            <p>
              All {model.hiddenProbes} processes in this group were started by Kubernetes exec
              probes, which are hidden to keep trees readable.
            </p>
          </EmptyState>
        </div>
      ) : (
        <div className="graph__state">{body}</div>
      )}
    </main>
  );
}
