import type { Process } from '@exectree/domain';
import { ProcessRow } from './ProcessRow.tsx';

/** The direct children, as the API lists them. */
export function Children({ children }: { children: readonly Process[] }) {
  return (
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
  );
}
