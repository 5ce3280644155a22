import { decodeExecId, type Process } from '@exectree/domain';
import { selectProcess } from '../../stores/ui-store.ts';
import { formatDuration, formatTimestamp, printable, truncateMiddle } from '../../view/format.ts';
import { CopyButton } from '../CopyButton/CopyButton.tsx';
import { Field } from './Field.tsx';
import { ExecChain } from './ExecChain.tsx';
import { KubernetesFacts } from './KubernetesFacts.tsx';

const UNSET_AUID = 4294967295;

function uidText(uid: number | null): string {
  if (uid === null) return '—';
  return uid === 0 ? '0 (root)' : String(uid);
}

function outcome(process: Process): { label: string; value: string; tone: string } | null {
  if (process.state !== 'exited') return null;
  if (process.signal) return { label: 'Signal', value: process.signal, tone: 'danger' };
  if (process.status === null) return { label: 'Exit code', value: 'unknown', tone: '' };
  return {
    label: 'Exit code',
    value: String(process.status),
    tone: process.status === 0 ? '' : 'warn',
  };
}

interface ProcessFactsProps {
  process: Process;
  parent: Process | null;
  /** The images its pid ran without forking, oldest first (just itself when none). */
  chain: readonly Process[];
}

/** Process, Kubernetes and identity facts of one process. */
export function ProcessFacts({ process, parent, chain }: ProcessFactsProps) {
  const decoded = decodeExecId(process.execId);
  const end = outcome(process);
  const duration =
    process.exitTime !== null ? formatDuration(process.startTime, process.exitTime) : null;
  const container = process.pod?.container ?? null;

  return (
    <>
      <section className="dsection" aria-labelledby="facts-process">
        <h3 className="dsection__title" id="facts-process">
          Process
        </h3>
        <dl className="fields">
          <Field name="pid" label="PID" mono>
            {process.pid ?? '—'}
            {container?.pid != null && (
              <span className="field__hint"> · {container.pid} in container</span>
            )}
          </Field>
          <Field name="uid" label="UID" mono>
            {uidText(process.uid)}
            {process.auid !== null && (
              <span className="field__hint">
                {' '}
                · auid {process.auid === UNSET_AUID ? 'unset' : process.auid}
              </span>
            )}
          </Field>
          <Field name="cwd" label="Working dir" mono>
            {process.cwd === '' ? '—' : printable(process.cwd)}
          </Field>
          <Field name="start" label="Started" mono>
            {formatTimestamp(process.startTime)}
            {process.preExisting && <span className="field__hint"> · before Tetragon started</span>}
          </Field>
          {process.exitTime !== null && (
            <Field name="exit" label="Exited" mono>
              {formatTimestamp(process.exitTime)}
              {duration && <span className="field__hint"> · ran {duration}</span>}
            </Field>
          )}
          {end && (
            <Field name="outcome" label={end.label} mono>
              <span className={end.tone ? `tone-${end.tone}` : undefined}>
                {printable(end.value)}
              </span>
            </Field>
          )}
          {process.state === 'replaced' && (
            <Field name="replaced" label="Replaced by">
              {process.replacedBy ? (
                <button
                  type="button"
                  className="linkish mono"
                  onClick={() => selectProcess(process.replacedBy, process.group)}
                >
                  {truncateMiddle(process.replacedBy, 28)}
                </button>
              ) : (
                'another program (exec without fork)'
              )}
            </Field>
          )}
          {chain.length > 1 && (
            <Field name="exec-chain" label="Exec chain">
              <ExecChain chain={chain} current={process.execId} />
            </Field>
          )}
          {process.flags.length > 0 && (
            <Field name="flags" label="Flags">
              <span className="dchips">
                {process.flags.map((flag) => (
                  <span key={flag} className="dchip mono">
                    {printable(flag)}
                  </span>
                ))}
              </span>
            </Field>
          )}
          {process.eventCount > 0 && (
            <Field name="events" label="Other events">
              {process.eventCount} kprobe / tracepoint events
            </Field>
          )}
        </dl>
      </section>

      <KubernetesFacts process={process} />

      <section className="dsection" aria-labelledby="facts-ids">
        <h3 className="dsection__title" id="facts-ids">
          Identity
        </h3>
        <dl className="fields">
          <Field name="exec-id" label="exec_id" mono>
            <span className="idline">
              <span className="idline__text" title={process.execId}>
                {process.execId}
              </span>
              <CopyButton text={process.execId} label="Copy exec_id" />
            </span>
            {decoded && (
              <span className="field__sub" data-testid="exec-id-decoded">
                <span className="field__sub-part">node {printable(decoded.node)}</span>{' '}
                <span className="field__sub-part">ktime {decoded.ktime}</span>{' '}
                <span className="field__sub-part">pid {decoded.pid}</span>
              </span>
            )}
          </Field>
          <Field name="parent-exec-id" label="Parent" mono>
            {process.parentExecId === null ? (
              '—'
            ) : process.parentExecId === process.execId ? (
              'itself (kernel)'
            ) : (
              <button
                type="button"
                className="linkish idline__text"
                title={`Open parent ${process.parentExecId}`}
                onClick={() => selectProcess(process.parentExecId, parent?.group ?? process.group)}
                data-testid="parent-link"
              >
                {process.parentExecId}
              </button>
            )}
          </Field>
        </dl>
      </section>
    </>
  );
}
