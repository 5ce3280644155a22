import { useMemo } from 'react';
import type { Process } from '@exectree/domain';
import { useLiveStore } from '../../stores/live-store.ts';
import { closeDetails, useUiStore } from '../../stores/ui-store.ts';
import { encodeRoute } from '../../url/url-state.ts';
import { basename, dirname, printable } from '../../view/format.ts';
import { CopyButton } from '../CopyButton/CopyButton.tsx';
import { Icon } from '../Icon/Icon.tsx';
import { StatusBadge } from '../StatusBadge/StatusBadge.tsx';
import { EmptyState } from '../EmptyState/EmptyState.tsx';
import { Lineage } from './Lineage.tsx';
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

function CopyLink() {
  const group = useUiStore((s) => s.group);
  const exec = useUiStore((s) => s.exec);
  const href = `${window.location.origin}${window.location.pathname}${encodeRoute({ group, exec })}`;
  return <CopyButton text={href} label="Copy link to this process" icon="link" />;
}

function Header({ process }: { process: Process | null }) {
  const binary = process ? printable(process.binary || '<unknown>') : '';
  return (
    <header className="details__head">
      <div className="details__titles">
        <h2 className="details__name mono" id="details-title">
          {process ? basename(binary) : 'Process'}
        </h2>
        {process && <p className="details__path mono">{dirname(binary)}</p>}
      </div>
      {process && <StatusBadge process={process} size="md" />}
      <CopyLink />
      <button
        type="button"
        className="icon-btn"
        aria-label="Close details"
        title="Close (Esc)"
        onClick={closeDetails}
      >
        <Icon name="close" />
      </button>
    </header>
  );
}

function Command({ process }: { process: Process }) {
  const command = [process.binary, process.arguments].filter(Boolean).join(' ');
  return (
    <section className="dsection" aria-labelledby="details-command">
      <div className="dsection__row">
        <h3 className="dsection__title" id="details-command">
          Command
        </h3>
        <CopyButton text={command} label="Copy command line" />
      </div>
      <pre className="details__cmd" data-testid="command-line">
        <span className="details__cmd-bin">{printable(process.binary || '<unknown>')}</span>
        {process.arguments && ' '}
        {printable(process.arguments)}
      </pre>
    </section>
  );
}

/** Right-hand panel: everything known about the selected process. */
export function DetailPanel({ execId }: { execId: string }) {
  const live = useLiveStore((s) => s.tree.processes.get(execId) ?? null);
  const processes = useLiveStore((s) => s.tree.processes);
  const liveChildren = useMemo(() => {
    let n = 0;
    for (const p of processes.values())
      if (p.parentExecId === execId && p.execId !== execId) n += 1;
    return n;
  }, [processes, execId]);
  const revision = `${live?.state ?? ''}:${live?.exitTime ?? ''}:${liveChildren}`;
  const result = useProcessDetail(execId, revision);

  const detail = result.status === 'ready' ? result.detail : null;
  const process = live ?? detail?.process ?? null;

  let body;
  if (process) {
    body = (
      <>
        <Command process={process} />
        <ProcessFacts process={process} parent={detail?.ancestors[0] ?? null} />
        {detail ? (
          <Lineage process={process} ancestors={detail.ancestors} children={detail.children} />
        ) : result.status === 'loading' ? (
          <section className="dsection">
            <LoadingLines />
          </section>
        ) : (
          <p className="dsection__empty dsection">Ancestry is not available for this process.</p>
        )}
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
    <aside className="details" aria-labelledby="details-title" data-testid="detail-panel">
      <Header process={process} />
      <div className="details__scroll">{body}</div>
    </aside>
  );
}
