import { useLiveStore, type ConnectionStatus as Status } from '../../stores/live-store.ts';
import './ConnectionStatus.css';

const LABELS: Record<Status, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unreachable: 'Server unreachable',
};

export function ConnectionStatus() {
  const status = useLiveStore((s) => s.connection.status);
  const attempt = useLiveStore((s) => s.connection.attempt);
  const reason = useLiveStore((s) => s.connection.reason);
  const resyncs = useLiveStore((s) => s.resyncs);

  const details = [
    status === 'live' ? 'Receiving live updates from the exectree server.' : LABELS[status],
    attempt > 0 ? `Attempt ${attempt}.` : '',
    reason && status !== 'live' ? `Last error: ${reason}.` : '',
    resyncs > 0 ? `Resynchronised ${resyncs}× after missed messages.` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={`chip conn conn--${status}${status === 'unreachable' ? ' chip--danger' : ''}`}
      role="status"
      aria-live="polite"
      title={details}
      data-testid="connection-status"
      data-status={status}
    >
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__label">{LABELS[status]}</span>
    </div>
  );
}
