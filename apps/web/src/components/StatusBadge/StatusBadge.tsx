import type { Process } from '@exectree/domain';
import { processStatus } from '../../view/status.ts';
import './StatusBadge.css';

interface StatusBadgeProps {
  process: Process;
  size?: 'sm' | 'md';
}

/** The process outcome as an HTML pill; the graph draws its own SVG version. */
export function StatusBadge({ process, size = 'sm' }: StatusBadgeProps) {
  const status = processStatus(process);
  return (
    <span
      className={`badge badge--${status.tone} badge--${size}`}
      title={status.description}
      data-testid="status-badge"
    >
      {status.tone === 'running' && <span className="badge__pulse" aria-hidden="true" />}
      {status.label}
    </span>
  );
}
