import { Fragment } from 'react';
import { parseGroupKey, type Process } from '@exectree/domain';
import { selectProcess } from '../../stores/ui-store.ts';
import { basename, printable } from '../../view/format.ts';
import { processStatus } from '../../view/status.ts';

interface AncestryProps {
  process: Process;
  /** Nearest first, as the API returns them. */
  ancestors: readonly Process[];
}

interface Run {
  group: string;
  processes: Process[];
}

const KIND = { pod: 'Pod', container: 'Container', host: 'Host' } as const;

function groupName(key: string): { kind: string; name: string } {
  const ref = parseGroupKey(key);
  if (!ref) return { kind: 'Group', name: key };
  return {
    kind: KIND[ref.kind],
    name: ref.kind === 'pod' ? `${ref.namespace}/${ref.name}` : ref.name,
  };
}

/** Consecutive processes of the same group: where the chain crosses into a pod, a new run starts. */
function runsOf(chain: readonly Process[]): Run[] {
  const runs: Run[] = [];
  for (const process of chain) {
    const last = runs[runs.length - 1];
    if (last && last.group === process.group) last.processes.push(process);
    else runs.push({ group: process.group, processes: [process] });
  }
  return runs;
}

function Crumb({ process, current }: { process: Process; current: boolean }) {
  const binary = printable(process.binary || '<unknown>');
  const args = printable(process.arguments);
  const tone = processStatus(process).tone;
  return (
    <button
      type="button"
      className={`crumb crumb--${tone}${current ? ' crumb--current' : ''}`}
      aria-current={current ? 'true' : undefined}
      title={`${args ? `${binary} ${args}` : binary} — ${processStatus(process).description}`}
      onClick={() => selectProcess(process.execId, process.group)}
      data-testid="ancestry-crumb"
    >
      <span className="crumb__dot" aria-hidden="true" />
      <span className="mono">{basename(binary) || binary}</span>
    </button>
  );
}

/**
 * The ancestry from the oldest known process down to this one, split where it crosses a
 * group boundary: host processes (containerd-shim, runc) above a pod's entrypoint or a
 * `kubectl exec` session are shown as such.
 */
export function Ancestry({ process, ancestors }: AncestryProps) {
  const chain = [...ancestors].reverse();
  const runs = runsOf([...chain, process]);
  return (
    <section className="dsection" aria-labelledby="lineage-ancestry">
      <h3 className="dsection__title" id="lineage-ancestry">
        Ancestry
      </h3>
      {chain.length === 0 ? (
        <p className="dsection__empty">
          No known parent: this is the first process exectree saw in its chain.
        </p>
      ) : (
        <ol className="crumbs" data-testid="ancestry">
          {runs.map((run, r) => {
            const { kind, name } = groupName(run.group);
            return (
              <li key={`${run.group}:${r}`} className="crumbs__run" data-testid="ancestry-run">
                <span className={`crumbs__group${r > 0 ? ' crumbs__group--entered' : ''}`}>
                  {r > 0 && <span className="crumbs__boundary">enters</span>}
                  <span className="crumbs__kind">{kind}</span>
                  <span className="crumbs__name mono" title={printable(name)}>
                    {printable(name)}
                  </span>
                </span>
                <span className="crumbs__line">
                  {run.processes.map((p, i) => (
                    <Fragment key={p.execId}>
                      {i > 0 && (
                        <span className="crumbs__sep" aria-hidden="true">
                          ›
                        </span>
                      )}
                      <Crumb process={p} current={p.execId === process.execId} />
                    </Fragment>
                  ))}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
