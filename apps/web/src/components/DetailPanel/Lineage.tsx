import type { CSSProperties } from 'react';
import type { Process } from '@exectree/domain';
import { ProcessRow } from './ProcessRow.tsx';

interface LineageProps {
  process: Process;
  /** Nearest first, as the API returns them. */
  ancestors: readonly Process[];
  children: readonly Process[];
}

/** The ancestry chain (root first, down to this process) and the direct children. */
export function Lineage({ process, ancestors, children }: LineageProps) {
  const chain = [...ancestors].reverse();
  return (
    <>
      <section className="dsection" aria-labelledby="lineage-ancestry">
        <h3 className="dsection__title" id="lineage-ancestry">
          Ancestry
        </h3>
        {chain.length === 0 ? (
          <p className="dsection__empty">
            No known parent: this is the first process exectree saw in its chain.
          </p>
        ) : (
          <ol className="lineage" data-testid="ancestry">
            {chain.map((p, i) => (
              <li
                key={p.execId}
                className="lineage__item"
                style={{ '--depth': i } as CSSProperties}
              >
                <ProcessRow process={p} />
              </li>
            ))}
            <li className="lineage__item" style={{ '--depth': chain.length } as CSSProperties}>
              <ProcessRow process={process} current />
            </li>
          </ol>
        )}
      </section>
      <section className="dsection" aria-labelledby="lineage-children">
        <h3 className="dsection__title" id="lineage-children">
          Children <span className="dsection__count">{children.length}</span>
        </h3>
        {children.length === 0 ? (
          <p className="dsection__empty">No child processes.</p>
        ) : (
          <ul className="plist" data-testid="children">
            {children.map((p) => (
              <li key={p.execId}>
                <ProcessRow process={p} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
