import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ProcessState } from '@exectree/domain';
import { useLiveStore } from '../../stores/live-store.ts';
import { setQuery, setRange, useExplorerStore } from '../../stores/explorer-store.ts';
import { EMPTY_QUERY, PROCESS_STATES, type SearchQuery } from '../../view/search-query.ts';
import { formatTimestamp } from '../../view/format.ts';
import { IconButton } from '../IconButton/IconButton.tsx';

type TextFacet = 'namespace' | 'pod' | 'binary';

interface TextFieldProps {
  facet: TextFacet;
  label: string;
  placeholder: string;
  value: string;
  options: readonly string[];
}

/** A facet typed into: it applies on Enter, on leaving the field, or on picking a suggestion. */
function TextField({ facet, label, placeholder, value, options }: TextFieldProps) {
  // The draft follows the applied value when that changes elsewhere (a chip was removed).
  const [state, setState] = useState({ draft: value, base: value });
  const draft = state.base === value ? state.draft : value;
  const setDraft = (next: string) => setState({ draft: next, base: value });
  const listId = `facet-${facet}-options`;
  const commit = (next: string) => setQuery({ [facet]: next.trim() } as Partial<SearchQuery>);
  return (
    <label className="facets__field">
      <span className="facets__label">{label}</span>
      <input
        type="text"
        value={draft}
        placeholder={placeholder}
        list={options.length > 0 ? listId : undefined}
        autoComplete="off"
        spellCheck={false}
        data-testid={`facet-${facet}`}
        onChange={(event) => {
          setDraft(event.target.value);
          // Picking from the suggestion list is a choice, not typing.
          if (options.includes(event.target.value)) commit(event.target.value);
        }}
        onBlur={() => commit(draft)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(draft);
        }}
      />
      {options.length > 0 && (
        <datalist id={listId}>
          {options.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      )}
    </label>
  );
}

const STATE_LABELS: Record<ProcessState, string> = {
  running: 'Running',
  exited: 'Exited',
  replaced: 'Replaced',
};

/** The facet editor: namespace, pod, binary, state, flagged and the time range. */
export function SearchFacets({ onClose }: { onClose: () => void }) {
  const query = useExplorerStore((s) => s.query);
  const range = useExplorerStore((s) => s.range);
  const groups = useLiveStore((s) => s.groups);
  const panel = useRef<HTMLDivElement>(null);

  const { namespaces, pods } = useMemo(() => {
    const ns = new Set<string>();
    const names = new Set<string>();
    for (const g of groups?.values() ?? []) {
      if (g.kind !== 'pod') continue;
      ns.add(g.namespace);
      if (query.namespace === '' || g.namespace === query.namespace) names.add(g.name);
    }
    return { namespaces: [...ns].sort(), pods: [...names].sort() };
  }, [groups, query.namespace]);

  useEffect(() => {
    panel.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <div
      ref={panel}
      className="facets"
      role="dialog"
      aria-label="Search filters"
      data-testid="search-facets"
      onKeyDown={onKeyDown}
    >
      <div className="facets__head">
        <h2 className="facets__title">Filters</h2>
        <IconButton icon="close" label="Close filters" onClick={onClose} />
      </div>
      <div className="facets__grid">
        <TextField
          facet="namespace"
          label="Namespace"
          placeholder="Any namespace"
          value={query.namespace}
          options={namespaces}
        />
        <TextField facet="pod" label="Pod" placeholder="Any pod" value={query.pod} options={pods} />
        <TextField
          facet="binary"
          label="Binary"
          placeholder="curl or /usr/bin/curl"
          value={query.binary}
          options={[]}
        />
      </div>
      <fieldset className="facets__states">
        <legend className="facets__label">State</legend>
        {([null, ...PROCESS_STATES] as const).map((state) => (
          <label key={state ?? 'any'} className="facets__seg">
            <input
              type="radio"
              name="facet-state"
              checked={query.state === state}
              onChange={() => setQuery({ state })}
            />
            <span>{state === null ? 'Any' : STATE_LABELS[state]}</span>
          </label>
        ))}
      </fieldset>
      <label className="facets__check">
        <input
          type="checkbox"
          checked={query.flagged}
          data-testid="facet-flagged"
          onChange={(event) => setQuery({ flagged: event.target.checked })}
        />
        Only flagged processes
      </label>
      <div className="facets__range">
        <span className="facets__label">Time range</span>
        {range ? (
          <span className="facets__range-value">
            {formatTimestamp(range.from)} → {formatTimestamp(range.to)}
            <button type="button" className="btn" onClick={() => setRange(null)}>
              Clear
            </button>
          </span>
        ) : (
          <span className="facets__hint">Drag across the timeline&apos;s bars to set one.</span>
        )}
      </div>
      <div className="facets__foot">
        <button
          type="button"
          className="btn"
          onClick={() => setQuery({ ...EMPTY_QUERY, text: query.text })}
        >
          Reset filters
        </button>
        <button type="button" className="btn btn--primary" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
