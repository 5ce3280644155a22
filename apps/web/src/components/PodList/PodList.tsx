import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useLiveStore } from '../../stores/live-store.ts';
import { selectGroup, setPodFilter, useUiStore } from '../../stores/ui-store.ts';
import { buildSections, flattenSections } from '../../view/group-list.ts';
import { formatCount } from '../../view/format.ts';
import { Icon } from '../Icon/Icon.tsx';
import { PodListItem } from './PodListItem.tsx';
import { FILTER_INPUT_ID } from './filter-input.ts';
import { findByData } from '../../view/dom.ts';
import './PodList.css';

function SkeletonRows() {
  return (
    <div className="podlist__skeleton" aria-hidden="true">
      {[72, 56, 64, 48, 60].map((w, i) => (
        <div key={i} className="podlist__skel-row">
          <span className="podlist__skel-icon" />
          <span className="podlist__skel-bar" style={{ width: `${w}%` }} />
        </div>
      ))}
    </div>
  );
}

export function PodList() {
  const groups = useLiveStore((s) => s.groups);
  const connection = useLiveStore((s) => s.connection.status);
  const filter = useUiStore((s) => s.podFilter);
  const selected = useUiStore((s) => s.group);
  const [focused, setFocused] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const sections = useMemo(
    () => (groups ? buildSections(groups.values(), filter, selected) : []),
    [groups, filter, selected],
  );
  const flat = useMemo(() => flattenSections(sections), [sections]);
  const keys = useMemo(() => flat.map((g) => g.key), [flat]);
  const total = groups?.size ?? 0;

  // The one item reachable with Tab: the focused one, else the selected one, else the first.
  const tabbable =
    (focused !== null && keys.includes(focused) && focused) ||
    (selected !== null && keys.includes(selected) && selected) ||
    keys[0] ||
    null;

  const focusKey = (key: string | undefined) => {
    if (key === undefined) return;
    setFocused(key);
    findByData<HTMLElement>(scroller.current, 'key', key)?.focus();
  };

  const onListKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabbable === null ? -1 : keys.indexOf(tabbable);
    let next: string | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = keys[Math.min(keys.length - 1, index + 1)];
        break;
      case 'ArrowUp':
        if (index <= 0) {
          document.getElementById(FILTER_INPUT_ID)?.focus();
          event.preventDefault();
          return;
        }
        next = keys[index - 1];
        break;
      case 'Home':
        next = keys[0];
        break;
      case 'End':
        next = keys[keys.length - 1];
        break;
      default:
        return;
    }
    event.preventDefault();
    focusKey(next);
  };

  const onSelect = useCallback((key: string) => selectGroup(key), []);
  const onFocusItem = useCallback((key: string) => setFocused(key), []);

  let body: ReactNode;
  if (groups === null) {
    body =
      connection === 'unreachable' ? (
        <p className="podlist__note">Waiting for the server…</p>
      ) : (
        <SkeletonRows />
      );
  } else if (total === 0) {
    body = (
      <div className="podlist__note" data-testid="podlist-empty">
        <strong>No processes yet.</strong>
        <br />
        Pods appear here as soon as Tetragon events arrive.
      </div>
    );
  } else if (flat.length === 0) {
    body = (
      <p className="podlist__note">
        Nothing matches “<span className="mono">{filter}</span>”.
      </p>
    );
  } else {
    body = (
      <div
        className="podlist__list"
        role="listbox"
        aria-label="Pods, containers and hosts"
        onKeyDown={onListKeyDown}
      >
        {sections.map((section) => (
          <div
            key={section.id}
            role="group"
            aria-labelledby={`sec-${section.id}`}
            className="podlist__section"
          >
            <div className="podlist__heading" id={`sec-${section.id}`} role="presentation">
              <span className="podlist__heading-title">{section.title}</span>
              <span className="podlist__heading-count">{section.items.length}</span>
            </div>
            {section.items.map((group) => (
              <PodListItem
                key={group.key}
                group={group}
                selected={group.key === selected}
                tabbable={group.key === tabbable}
                onSelect={onSelect}
                onFocusItem={onFocusItem}
              />
            ))}
          </div>
        ))}
      </div>
    );
  }

  return (
    <nav className="podlist" aria-label="Workloads" data-testid="pod-list">
      <div className="podlist__header">
        <h2 className="podlist__title">
          Workloads
          {groups !== null && <span className="podlist__total">{formatCount(total)}</span>}
        </h2>
        <label className="podlist__filter">
          <Icon name="search" size={14} className="podlist__filter-icon" />
          <span className="visually-hidden">Filter pods</span>
          <input
            id={FILTER_INPUT_ID}
            type="search"
            placeholder="Filter pods, namespaces…"
            autoComplete="off"
            spellCheck={false}
            value={filter}
            onChange={(event) => setPodFilter(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                focusKey(tabbable ?? undefined);
              } else if (event.key === 'Escape' && filter !== '') {
                event.stopPropagation();
                setPodFilter('');
              } else if (event.key === 'Enter' && flat.length > 0) {
                selectGroup(flat[0]?.key ?? null);
              }
            }}
          />
          <span className="kbd podlist__filter-kbd" aria-hidden="true">
            /
          </span>
        </label>
      </div>
      <div className="podlist__scroll" ref={scroller}>
        {body}
      </div>
    </nav>
  );
}
