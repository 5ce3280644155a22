import type { Finding, Process } from '@exectree/domain';
import { selectProcess } from '../../stores/ui-store.ts';
import { findingTitle, isExpectedFinding } from '../../view/findings.ts';
import { basename, printable, truncateMiddle } from '../../view/format.ts';
import { Icon } from '../Icon/Icon.tsx';

interface FindingsProps {
  process: Process;
  /** Known processes by exec id (the open group, the ancestors), to name related ones. */
  lookup: (execId: string) => Process | undefined;
}

function RelatedLink({ execId, lookup }: { execId: string; lookup: FindingsProps['lookup'] }) {
  const related = lookup(execId);
  const name = related ? basename(printable(related.binary || '<unknown>')) : null;
  return (
    <button
      type="button"
      className="finding__related"
      data-testid="finding-related"
      title={`Open ${related ? printable(related.binary) : execId}`}
      onClick={() => selectProcess(execId, related?.group)}
    >
      <Icon name="link" size={12} />
      {name ? (
        <>
          related process <span className="mono">{name}</span>
        </>
      ) : (
        <span className="mono">{truncateMiddle(execId, 24)}</span>
      )}
    </button>
  );
}

function FindingItem({
  finding,
  expected,
  lookup,
}: {
  finding: Finding;
  expected: boolean;
  lookup: FindingsProps['lookup'];
}) {
  return (
    <li className={`finding${expected ? ' finding--expected' : ''}`} data-testid="finding">
      <span className="finding__icon" aria-hidden="true">
        !
      </span>
      <div className="finding__body">
        <p className="finding__title">{findingTitle(finding.rule)}</p>
        <p className="finding__reason">{printable(finding.reason)}</p>
        {expected && (
          <p className="finding__note">
            Expected here: kubelet runs exec probes outside the container&apos;s entrypoint, so the
            graph does not flag it.
          </p>
        )}
        {finding.relatedExecId !== null && (
          <RelatedLink execId={finding.relatedExecId} lookup={lookup} />
        )}
      </div>
    </li>
  );
}

/** Why this process deserves a look: each finding's title, its reason, the process it involves. */
export function Findings({ process, lookup }: FindingsProps) {
  if (process.findings.length === 0) return null;
  const flagged = process.findings.some((f) => !isExpectedFinding(f, process));
  return (
    <section
      className={`dsection dfindings${flagged ? ' dfindings--flagged' : ''}`}
      aria-labelledby="details-findings"
      data-testid="findings"
    >
      <h3 className="dsection__title" id="details-findings">
        Findings <span className="dsection__count">{process.findings.length}</span>
      </h3>
      <ul className="findings">
        {process.findings.map((finding, i) => (
          <FindingItem
            key={`${finding.rule}:${i}`}
            finding={finding}
            expected={isExpectedFinding(finding, process)}
            lookup={lookup}
          />
        ))}
      </ul>
    </section>
  );
}
