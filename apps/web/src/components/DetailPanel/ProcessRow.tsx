import type { Process } from '@exectree/domain';
import { selectProcess } from '../../stores/ui-store.ts';
import { basename, printable, truncateEnd } from '../../view/format.ts';
import { StatusBadge } from '../StatusBadge/StatusBadge.tsx';

interface ProcessRowProps {
  process: Process;
  current?: boolean;
}

/** A process in the ancestry or children list; activating it selects that process. */
export function ProcessRow({ process, current = false }: ProcessRowProps) {
  const binary = printable(process.binary || '<unknown>');
  const args = printable(process.arguments);
  return (
    <button
      type="button"
      className={`prow${current ? ' prow--current' : ''}`}
      aria-current={current ? 'true' : undefined}
      title={args ? `${binary} ${args}` : binary}
      onClick={() => selectProcess(process.execId, process.group)}
      data-testid="process-row"
    >
      <span className="prow__name mono">{basename(binary)}</span>
      <span className="prow__args mono">{truncateEnd(args, 60)}</span>
      <StatusBadge process={process} />
    </button>
  );
}
