import { setQuery, setRange, useExplorerStore } from '../../stores/explorer-store.ts';
import { formatTimestamp, printable } from '../../view/format.ts';
import type { SearchQuery } from '../../view/search-query.ts';
import { Icon } from '../Icon/Icon.tsx';

interface Chip {
  key: string;
  label: string;
  value: string;
  clear: () => void;
}

function chipsOf(query: SearchQuery): Chip[] {
  const chips: Chip[] = [];
  if (query.namespace !== '') {
    chips.push({
      key: 'ns',
      label: 'namespace',
      value: query.namespace,
      clear: () => setQuery({ namespace: '' }),
    });
  }
  if (query.pod !== '') {
    chips.push({ key: 'pod', label: 'pod', value: query.pod, clear: () => setQuery({ pod: '' }) });
  }
  if (query.binary !== '') {
    chips.push({
      key: 'bin',
      label: 'binary',
      value: query.binary,
      clear: () => setQuery({ binary: '' }),
    });
  }
  if (query.state !== null) {
    chips.push({
      key: 'state',
      label: 'state',
      value: query.state,
      clear: () => setQuery({ state: null }),
    });
  }
  if (query.flagged) {
    chips.push({
      key: 'flagged',
      label: 'flagged',
      value: 'only',
      clear: () => setQuery({ flagged: false }),
    });
  }
  return chips;
}

/** The facets in force, each removable with one click. */
export function FacetChips() {
  const query = useExplorerStore((s) => s.query);
  const chips = chipsOf(query);
  if (chips.length === 0) return null;
  return (
    <ul className="chips" aria-label="Active filters">
      {chips.map((chip) => (
        <li key={chip.key} className="chip chip--accent facet-chip">
          <span className="facet-chip__label">{chip.label}</span>
          <span className="facet-chip__value">{printable(chip.value)}</span>
          <button
            type="button"
            className="facet-chip__remove"
            aria-label={`Remove filter ${chip.label} ${chip.value}`}
            onClick={chip.clear}
          >
            <Icon name="close" size={11} />
          </button>
        </li>
      ))}
    </ul>
  );
}

/** The brushed time range, shown wherever the timeline is not. */
export function RangeChip() {
  const range = useExplorerStore((s) => s.range);
  if (range === null) return null;
  const from = formatTimestamp(range.from);
  const to = formatTimestamp(range.to);
  const sameDay = from.slice(0, 10) === to.slice(0, 10);
  return (
    <div
      className="chip chip--accent facet-chip facet-chip--range"
      data-testid="range-chip"
      title={`Time range: ${from} → ${to}. Only processes alive in it are shown.`}
    >
      <Icon name="clock" size={13} />
      <span className="facet-chip__value">
        {from.slice(11).replace(' UTC', '')} → {sameDay ? to.slice(11).replace(' UTC', '') : to}
      </span>
      <button
        type="button"
        className="facet-chip__remove"
        aria-label="Clear time range"
        onClick={() => setRange(null)}
      >
        <Icon name="close" size={11} />
      </button>
    </div>
  );
}
