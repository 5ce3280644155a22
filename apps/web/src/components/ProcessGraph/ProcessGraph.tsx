import { useMemo } from 'react';
import { parseGroupKey } from '@exectree/domain';
import { useLiveStore } from '../../stores/live-store.ts';
import {
  collapseGroups,
  expandGroup,
  selectGroup,
  selectProcess,
  useUiStore,
} from '../../stores/ui-store.ts';
import { buildForest } from '../../view/hierarchy.ts';
import { layoutForest } from '../../view/layout.ts';
import { groupSiblings } from '../../view/grouping.ts';
import { treeViewState } from '../../view/tree-view-state.ts';
import { formatCount, printable } from '../../view/format.ts';
import { EmptyState } from '../EmptyState/EmptyState.tsx';
import { CommandLine } from '../CommandLine/CommandLine.tsx';
import { FILE_OPTION, INGEST_ENDPOINT, PIPE_COMMAND } from '../../view/connect-hints.ts';
import { GraphCanvas } from './GraphCanvas.tsx';
import { GroupHeader } from './GroupHeader.tsx';
import './ProcessGraph.css';

function groupLabel(key: string): string {
  const ref = parseGroupKey(key);
  if (!ref) return key;
  return ref.kind === 'pod' ? `${ref.namespace}/${ref.name}` : ref.name;
}

function Welcome() {
  const groups = useLiveStore((s) => s.groups);
  const stats = useMemo(() => {
    if (!groups) return null;
    let pods = 0;
    let running = 0;
    const namespaces = new Set<string>();
    for (const g of groups.values()) {
      if (g.kind === 'pod') {
        pods += 1;
        namespaces.add(g.namespace);
      }
      running += g.running;
    }
    return { pods, running, namespaces: namespaces.size, total: groups.size };
  }, [groups]);

  if (stats === null) {
    return (
      <EmptyState
        icon="tree"
        tone="loading"
        title="Connecting to exectree…"
        testId="tree-loading"
      />
    );
  }
  if (stats.total === 0) {
    return (
      <EmptyState icon="terminal" title="Waiting for Tetragon events" testId="tree-no-data" wide>
        <p>exectree is running but has not received any events yet. Stream them in with:</p>
        <div className="gwelcome__cmd">
          <CommandLine command={PIPE_COMMAND} />
        </div>
        <p>
          or start it with <code>{FILE_OPTION}</code>, or POST NDJSON to{' '}
          <code>{INGEST_ENDPOINT}</code>.
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState icon="tree" title="Pick a workload to see its process tree" testId="tree-welcome">
      <p>
        {formatCount(stats.pods)} {stats.pods === 1 ? 'pod' : 'pods'} in{' '}
        {formatCount(stats.namespaces)} {stats.namespaces === 1 ? 'namespace' : 'namespaces'},{' '}
        {formatCount(stats.running)} {stats.running === 1 ? 'process' : 'processes'} running.
      </p>
      <p className="gwelcome__keys">
        <span className="kbd">/</span> filter · <span className="kbd">↑</span>
        <span className="kbd">↓</span> move · <span className="kbd">Enter</span> open ·{' '}
        <span className="kbd">Esc</span> close details
      </p>
    </EmptyState>
  );
}

export function ProcessGraph() {
  const group = useUiStore((s) => s.group);
  const selected = useUiStore((s) => s.exec);
  const tree = useLiveStore((s) => s.tree);
  const groups = useLiveStore((s) => s.groups);
  const connection = useLiveStore((s) => s.connection.status);
  const attempt = useLiveStore((s) => s.connection.attempt);

  const expanded = useUiStore((s) => s.expanded);
  const processes = tree.processes;
  const forest = useMemo(() => buildForest(processes.values()), [processes]);
  const layout = useMemo(
    () => layoutForest(groupSiblings(forest, { expanded, reveal: selected })),
    [forest, expanded, selected],
  );
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

  return (
    <main className="graph" aria-label="Process tree">
      {group !== null && view !== 'unreachable' && view !== 'gone' && (
        <GroupHeader groupKey={group} summary={groups?.get(group)} shown={processes.size} />
      )}
      {view === 'ready' && group !== null ? (
        <GraphCanvas
          groupKey={group}
          title={groupLabel(group)}
          layout={layout}
          selected={selected}
          onSelect={selectProcess}
          onExpand={expandGroup}
          canCollapse={expanded.size > 0}
          onCollapseAll={collapseGroups}
        />
      ) : (
        <div className="graph__state">{body}</div>
      )}
    </main>
  );
}
