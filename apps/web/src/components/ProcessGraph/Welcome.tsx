import { useMemo } from 'react';
import { useLiveStore } from '../../stores/live-store.ts';
import { formatCount } from '../../view/format.ts';
import { FILE_OPTION, INGEST_ENDPOINT, PIPE_COMMAND } from '../../view/connect-hints.ts';
import { CommandLine } from '../CommandLine/CommandLine.tsx';
import { EmptyState } from '../EmptyState/EmptyState.tsx';

/** The center pane before a group is picked: connecting, no data yet, or what there is. */
export function Welcome() {
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
        <span className="kbd">/</span> search · <span className="kbd">W</span> workloads ·{' '}
        <span className="kbd">↑</span>
        <span className="kbd">↓</span> move · <span className="kbd">Enter</span> open ·{' '}
        <span className="kbd">Esc</span> close details
      </p>
    </EmptyState>
  );
}
