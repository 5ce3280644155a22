import { useCallback, useMemo } from 'react';
import type { Process } from '@exectree/domain';
import { useLiveStore } from '../../stores/live-store.ts';
import { execChain } from '../../view/exec-chain.ts';
import { printable } from '../../view/format.ts';
import { EmptyState } from '../EmptyState/EmptyState.tsx';
import { Ancestry } from './Ancestry.tsx';
import { Children } from './Children.tsx';
import { CommandSection, DetailHeader } from './DetailHeader.tsx';
import { Events } from './Events.tsx';
import { Findings } from './Findings.tsx';
import { ProcessFacts } from './ProcessFacts.tsx';
import { useProcessDetail } from './useProcessDetail.ts';
import './DetailPanel.css';

function LoadingLines() {
  return (
    <div className="dskeleton" aria-hidden="true">
      {[90, 70, 80, 55, 75, 60].map((w, i) => (
        <span key={i} style={{ width: `${w}%` }} />
      ))}
    </div>
  );
}

/** Header and sections of one process; remounted per process, so scroll and state reset. */
function DetailContent({ execId }: { execId: string }) {
  const live = useLiveStore((s) => s.tree.processes.get(execId) ?? null);
  const processes = useLiveStore((s) => s.tree.processes);
  const liveChildren = useMemo(() => {
    let n = 0;
    for (const p of processes.values())
      if (p.parentExecId === execId && p.execId !== execId) n += 1;
    return n;
  }, [processes, execId]);
  const revision = [live?.state, live?.exitTime, live?.eventCount, liveChildren].join(':');
  const result = useProcessDetail(execId, revision);

  const detail = result.status === 'ready' ? result.detail : null;
  const process = live ?? detail?.process ?? null;
  const lookup = useCallback(
    (id: string): Process | undefined =>
      processes.get(id) ??
      detail?.ancestors.find((p) => p.execId === id) ??
      detail?.children.find((p) => p.execId === id),
    [processes, detail],
  );
  const chain = useMemo(() => (process ? execChain(process, lookup) : []), [process, lookup]);

  let body;
  if (process) {
    const pending =
      result.status === 'loading' ? (
        <section className="dsection">
          <LoadingLines />
        </section>
      ) : (
        <p className="dsection__empty dsection" data-testid="detail-partial">
          Ancestry, children and events are not available for this process
          {result.status === 'error' ? `: ${printable(result.message)}` : '.'}
        </p>
      );
    body = (
      <>
        <Findings process={process} lookup={lookup} />
        <CommandSection process={process} />
        {detail ? <Ancestry process={process} ancestors={detail.ancestors} /> : pending}
        <ProcessFacts process={process} parent={detail?.ancestors[0] ?? null} chain={chain} />
        {detail && <Children children={detail.children} />}
        {detail && <Events events={detail.events} />}
      </>
    );
  } else if (result.status === 'loading') {
    body = <LoadingLines />;
  } else if (result.status === 'not-found') {
    body = (
      <EmptyState icon="info" title="Process not found" testId="detail-not-found">
        <p>
          exectree has no process with exec_id <code>{execId}</code>. It may have been evicted, or
          the link comes from another exectree server.
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <EmptyState
        icon="alert"
        tone="danger"
        title="Couldn't load this process"
        testId="detail-error"
      >
        <p>{result.status === 'error' ? printable(result.message) : ''}</p>
      </EmptyState>
    );
  }

  return (
    <>
      <DetailHeader process={process} />
      <div className="details__scroll">{body}</div>
    </>
  );
}

/**
 * Right-hand panel: everything known about the selected process. The panel itself stays
 * mounted while the selection moves (keyboard browsing would replay its entrance otherwise).
 */
export function DetailPanel({ execId }: { execId: string }) {
  return (
    <aside className="details" aria-labelledby="details-title" data-testid="detail-panel">
      <DetailContent key={execId} execId={execId} />
    </aside>
  );
}
