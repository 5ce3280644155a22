import { useMemo } from 'react';
import { parseGroupKey, type GroupSummary, type Process } from '@exectree/domain';
import { useLiveStore } from '../../stores/live-store.ts';
import { formatCount, plural, printable } from '../../view/format.ts';
import { openGroupFacts } from '../../view/open-group.ts';
import { Icon } from '../Icon/Icon.tsx';

interface GroupHeaderProps {
  groupKey: string;
  summary: GroupSummary | undefined;
  processes: ReadonlyMap<string, Process>;
}

const KIND_LABEL = { pod: 'Pod', container: 'Container', host: 'Host' } as const;

/** Title row of the center pane: what is shown, where it runs, and how complete it is. */
export function GroupHeader({ groupKey, summary, processes }: GroupHeaderProps) {
  const ref = parseGroupKey(groupKey);
  const shown = processes.size;
  const { flagged, restarts } = openGroupFacts(processes);
  const markers = useLiveStore((s) => s.markers);
  const node = summary?.node ?? null;
  const dropped = useMemo(() => {
    if (node === null) return { count: 0, events: 0 };
    const own = markers.filter((m) => m.node === node);
    return { count: own.length, events: own.reduce((n, m) => n + (m.dropped ?? 0), 0) };
  }, [markers, node]);

  if (!ref) return null;
  const kind = ref.kind;
  const meta: string[] = [];
  if (kind === 'pod') meta.push(`namespace ${ref.namespace}`);
  if (summary?.workload && summary.workload !== ref.name) {
    meta.push(`${summary.workloadKind?.toLowerCase() ?? 'workload'} ${summary.workload}`);
  }
  if (node && kind !== 'host') meta.push(`node ${node}`);

  return (
    <div className="gheader" data-testid="group-header">
      <div className="gheader__icon" aria-hidden="true">
        <Icon name={kind === 'pod' ? 'pod' : kind === 'host' ? 'host' : 'container'} size={18} />
      </div>
      <div className="gheader__text">
        <h1 className="gheader__title">
          <span className="gheader__kind">{KIND_LABEL[kind]}</span>
          {printable(ref.name)}
        </h1>
        <p className="gheader__meta">{printable(meta.join(' · '))}</p>
      </div>
      <div className="gheader__stats">
        {dropped.count > 0 && (
          <span
            className="chip chip--warn gheader__warn"
            title="Tetragon reported dropped or throttled events on this node: parts of the tree may be missing."
          >
            <Icon name="alert" size={14} />
            {dropped.events > 0
              ? `${formatCount(dropped.events)} events dropped`
              : 'events throttled'}
          </span>
        )}
        <span className="chip gheader__stat">
          <strong>{formatCount(summary?.processes ?? shown)}</strong>{' '}
          {(summary?.processes ?? shown) === 1 ? 'process' : 'processes'}
        </span>
        <span className="chip gheader__stat gheader__stat--running">
          <span className="gheader__dot" aria-hidden="true" />
          <strong>{formatCount(summary?.running ?? 0)}</strong> running
        </span>
        {summary && summary.exited > 0 && (
          <span className="chip gheader__stat">{plural(summary.exited, 'exited', 'exited')}</span>
        )}
        {restarts.total > 0 && (
          <span
            className="chip chip--warn gheader__stat gheader__stat--restarts"
            data-testid="header-restarts"
            title={restarts.containers
              .map((c) => `${printable(c.name)}: ${plural(c.restarts, 'restart')}`)
              .join('\n')}
          >
            <Icon name="restart" size={13} />
            {plural(restarts.total, 'restart')}
          </span>
        )}
        {flagged > 0 && (
          <span
            className="chip chip--danger gheader__stat gheader__stat--flagged"
            data-testid="header-flagged"
            title="Processes with at least one finding (exec probes running outside the entrypoint are expected and not counted)"
          >
            <Icon name="flag" size={13} />
            <strong>{formatCount(flagged)}</strong> flagged
          </span>
        )}
      </div>
    </div>
  );
}
