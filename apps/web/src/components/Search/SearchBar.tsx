import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Process } from '@exectree/domain';
import { selectProcess, useUiStore } from '../../stores/ui-store.ts';
import {
  clearSearch,
  setOnlyMatches,
  setQuery,
  useExplorerStore,
} from '../../stores/explorer-store.ts';
import { facetCount, isEmptyQuery } from '../../view/search-query.ts';
import { formatCount } from '../../view/format.ts';
import { Icon } from '../Icon/Icon.tsx';
import { SearchFacets } from './SearchFacets.tsx';
import { SearchResults } from './SearchResults.tsx';
import { resultOptionId, SEARCH_INPUT_ID, SEARCH_RESULTS_ID } from './search-input.ts';
import { useMatchNavigation } from './useMatchNavigation.ts';
import { useServerSearch } from './useServerSearch.ts';
import './Search.css';

/**
 * One search box for both halves of a search: the open group's processes, searched here
 * (Enter and Shift+Enter step through them), and every pod, searched by the server and
 * listed in a drop-down grouped by pod (choosing a hit opens its pod with it selected).
 */
export function SearchBar() {
  const group = useUiStore((s) => s.group);
  const query = useExplorerStore((s) => s.query);
  const range = useExplorerStore((s) => s.range);
  const onlyMatches = useExplorerStore((s) => s.onlyMatches);
  const nav = useMatchNavigation();
  const server = useServerSearch(query, range);
  const [open, setOpen] = useState(false);
  const [facetsOpen, setFacetsOpen] = useState(false);
  const [active, setActive] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);

  const empty = isEmptyQuery(query);
  const options = useMemo(() => {
    const answer =
      server.status === 'ready' ? server.answer : server.status === 'loading' ? server.stale : null;
    const list: { key: string; process: Process; kind: 'match' | 'ancestor' }[] = [];
    for (const pod of answer?.pods ?? []) {
      for (const row of pod.rows) if (row.kind !== 'via') list.push(row);
    }
    return list;
  }, [server]);
  const activeOption = options.find((o) => o.key === active) ?? null;
  const resultsShown = open && !empty;

  const choose = (process: Process) => {
    setOpen(false);
    setActive(null);
    selectProcess(process.execId, process.group);
  };

  const moveActive = (delta: number) => {
    if (options.length === 0) return;
    const i = activeOption ? options.indexOf(activeOption) : -1;
    const next = options[(i + delta + options.length) % options.length] ?? null;
    setActive(next?.key ?? null);
    if (next) {
      document.getElementById(resultOptionId(next.key))?.scrollIntoView({ block: 'nearest' });
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'Enter': {
        event.preventDefault();
        if (resultsShown && activeOption) choose(activeOption.process);
        else if (group !== null && nav.count > 0) {
          setOpen(false);
          nav.step(event.shiftKey ? -1 : 1);
        } else if (!empty) {
          setOpen(true);
          const first = options.find((o) => o.kind === 'match');
          if (group === null && first) choose(first.process);
        }
        break;
      }
      case 'ArrowDown':
      case 'ArrowUp':
        if (empty) return;
        event.preventDefault();
        if (!resultsShown) setOpen(true);
        else moveActive(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        // The query stays (the ✕ clears it): Esc only closes the list, then leaves the box.
        if (resultsShown) setOpen(false);
        else event.currentTarget.blur();
        break;
      default:
    }
  };

  const serverLabel =
    server.status === 'ready'
      ? `${formatCount(server.answer.shown)}${server.answer.truncated ? '+' : ''}`
      : server.status === 'loading'
        ? '…'
        : server.status === 'error'
          ? 'failed'
          : '';

  return (
    <div
      ref={root}
      className={`search${resultsShown ? ' search--open' : ''}`}
      role="search"
      aria-label="Search processes"
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <div className="search__field">
        <Icon name="search" size={14} className="search__icon" />
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          role="combobox"
          aria-label="Search processes"
          aria-expanded={resultsShown}
          aria-controls={SEARCH_RESULTS_ID}
          aria-autocomplete="list"
          aria-activedescendant={
            resultsShown && activeOption ? resultOptionId(activeOption.key) : undefined
          }
          placeholder={group === null ? 'Search all pods…' : 'Search binary, arguments, cwd…'}
          autoComplete="off"
          spellCheck={false}
          value={query.text}
          onChange={(event) => {
            setQuery({ text: event.target.value });
            setActive(null);
            if (group === null) setOpen(true);
          }}
          onKeyDown={onKeyDown}
        />
        {empty ? (
          <span className="kbd search__kbd" aria-hidden="true">
            /
          </span>
        ) : (
          group !== null && (
            <>
              <span
                className={`search__count${nav.count === 0 ? ' search__count--none' : ''}`}
                role="status"
                aria-live="polite"
                data-testid="match-count"
              >
                {nav.label}
              </span>
              <button
                type="button"
                className="icon-btn search__step"
                aria-label="Previous match"
                title="Previous match (Shift+Enter)"
                disabled={nav.count === 0}
                onClick={() => nav.step(-1)}
              >
                <Icon name="chevron-up" size={14} />
              </button>
              <button
                type="button"
                className="icon-btn search__step"
                aria-label="Next match"
                title="Next match (Enter)"
                disabled={nav.count === 0}
                onClick={() => nav.step(1)}
              >
                <Icon name="chevron-down" size={14} />
              </button>
            </>
          )
        )}
        {!empty && (
          <button
            type="button"
            className="icon-btn search__clear"
            aria-label="Clear search"
            title="Clear search and filters"
            onClick={() => {
              clearSearch();
              setOpen(false);
            }}
          >
            <Icon name="close" size={13} />
          </button>
        )}
      </div>
      <button
        type="button"
        className={`search__btn${facetCount(query) > 0 ? ' search__btn--on' : ''}`}
        aria-expanded={facetsOpen}
        aria-haspopup="dialog"
        onClick={() => setFacetsOpen((v) => !v)}
      >
        <Icon name="filter" size={14} />
        Filters
        {facetCount(query) > 0 && <span className="search__badge">{facetCount(query)}</span>}
      </button>
      {group !== null && (
        <button
          type="button"
          className={`search__btn${onlyMatches ? ' search__btn--on' : ''}`}
          aria-pressed={onlyMatches}
          disabled={empty}
          title="Show only the matches and the processes above them"
          onClick={() => setOnlyMatches(!onlyMatches)}
        >
          Only matches
        </button>
      )}
      {!empty && (
        <button
          type="button"
          className={`search__btn search__btn--pods${resultsShown ? ' search__btn--on' : ''}`}
          aria-expanded={resultsShown}
          aria-controls={SEARCH_RESULTS_ID}
          data-testid="all-pods-button"
          onClick={() => setOpen((v) => !v)}
        >
          All pods
          {serverLabel && <span className="search__pods-count">{serverLabel}</span>}
          <Icon name="chevron-down" size={12} />
        </button>
      )}
      {resultsShown && (
        <SearchResults search={server} active={active} onChoose={choose} onHover={setActive} />
      )}
      {facetsOpen && <SearchFacets onClose={() => setFacetsOpen(false)} />}
    </div>
  );
}
