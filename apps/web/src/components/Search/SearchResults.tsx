import type { Process } from '@exectree/domain';
import { basename, formatCount, plural, printable } from '../../view/format.ts';
import { processStatus } from '../../view/status.ts';
import { Icon } from '../Icon/Icon.tsx';
import { StatusBadge } from '../StatusBadge/StatusBadge.tsx';
import { resultOptionId, SEARCH_RESULTS_ID } from './search-input.ts';
import type { ServerSearch } from './useServerSearch.ts';

interface SearchResultsProps {
  search: ServerSearch & { retry: () => void };
  /** Key of the option the arrow keys are on. */
  active: string | null;
  onChoose: (process: Process) => void;
  onHover: (key: string) => void;
}

/** Matches in every pod, each pod a small tree of matches under their (dimmed) ancestors. */
export function SearchResults({ search, active, onChoose, onHover }: SearchResultsProps) {
  let body;
  if (search.status === 'idle') {
    body = (
      <p className="sresults__note">
        Type to search binaries, arguments and working directories in every pod.
      </p>
    );
  } else if (search.status === 'error') {
    body = (
      <div className="sresults__note sresults__note--error" role="alert" data-testid="search-error">
        <Icon name="alert" size={16} />
        <div>
          <strong>Search failed.</strong> {printable(search.message)}
          <div>
            <button type="button" className="btn sresults__retry" onClick={search.retry}>
              Try again
            </button>
          </div>
        </div>
      </div>
    );
  } else {
    const answer = search.status === 'ready' ? search.answer : search.stale;
    if (answer === null) {
      body = (
        <p className="sresults__note" role="status">
          <span className="spinner spinner--sm" aria-hidden="true" /> Searching all pods…
        </p>
      );
    } else if (answer.pods.length === 0) {
      body = (
        <p className="sresults__note" data-testid="search-no-results">
          No process in any pod matches.
        </p>
      );
    } else {
      body = (
        <>
          <p className="sresults__summary" role="status">
            {plural(answer.shown, 'match', 'matches')} in{' '}
            {plural(
              answer.pods.length,
              answer.pods.every((p) => p.kind === 'pod') ? 'pod' : 'group',
            )}
            {answer.truncated && (
              <span className="sresults__more">
                {' '}
                · first {formatCount(answer.shown)} of {formatCount(answer.total)}: narrow the
                search to see the rest
              </span>
            )}
            {search.status === 'loading' && (
              <span className="spinner spinner--sm" aria-hidden="true" />
            )}
          </p>
          {answer.pods.map((pod) => (
            <section key={pod.group} className="sresults__pod" aria-label={pod.title}>
              <h3 className="sresults__pod-title">
                <Icon name={pod.kind === 'pod' ? 'pod' : pod.kind} size={14} />
                <span className="sresults__pod-name">{printable(pod.title)}</span>
                <span className="sresults__pod-count">{formatCount(pod.matches)}</span>
              </h3>
              {pod.rows.map((row) =>
                row.kind === 'via' ? (
                  <div key={row.key} className="sresults__via" aria-hidden="true">
                    via {row.chain.map(printable).join(' › ')}
                  </div>
                ) : (
                  <div
                    key={row.key}
                    id={resultOptionId(row.key)}
                    role="option"
                    aria-selected={row.key === active}
                    aria-label={`${printable(row.process.binary)} ${printable(row.process.arguments)} — ${processStatus(row.process).description}, ${printable(pod.title)}`}
                    className={`sresults__row${row.kind === 'match' ? ' sresults__row--match' : ''}${row.key === active ? ' sresults__row--active' : ''}`}
                    style={{ paddingLeft: 16 + row.depth * 14 }}
                    data-testid={row.kind === 'match' ? 'search-result' : 'search-result-ancestor'}
                    onMouseDown={(event) => event.preventDefault()}
                    onMouseMove={() => onHover(row.key)}
                    onClick={() => onChoose(row.process)}
                  >
                    {row.depth > 0 && <span className="sresults__elbow" aria-hidden="true" />}
                    <span className="sresults__name">
                      {printable(basename(row.process.binary))}
                    </span>
                    <span className="sresults__args">{printable(row.process.arguments)}</span>
                    {row.kind === 'match' && <StatusBadge process={row.process} />}
                  </div>
                ),
              )}
            </section>
          ))}
        </>
      );
    }
  }
  return (
    <div
      className="sresults"
      id={SEARCH_RESULTS_ID}
      role="listbox"
      aria-label="Matches in all pods"
      data-testid="search-results"
    >
      {body}
    </div>
  );
}
