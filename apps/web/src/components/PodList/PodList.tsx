import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { GroupSummary } from '@exectree/domain';
import { useLiveStore } from '../../stores/live-store.ts';
import { selectGroup, setPodFilter, useUiStore } from '../../stores/ui-store.ts';
import { buildNavigator, groupRows, type NavCounts, type NavRow } from '../../view/navigator.ts';
import { openGroupFacts } from '../../view/open-group.ts';
import { formatCount } from '../../view/format.ts';
import { findByData } from '../../view/dom.ts';
import { Icon } from '../Icon/Icon.tsx';
import { NavItem } from './NavItem.tsx';
import { FILTER_INPUT_ID } from './filter-input.ts';
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

type Overrides = ReadonlyMap<string, Partial<NavCounts>>;

/**
 * Counts the summaries do not fill in: container restarts of every group (the server counts
 * them), and for the open group the flagged processes its loaded processes know better.
 */
function useCountOverrides(
  groups: ReadonlyMap<string, GroupSummary> | null,
): Overrides | undefined {
  const tree = useLiveStore((s) => s.tree);
  const group = useUiStore((s) => s.group);
  const restarts = useMemo(() => {
    const byGroup = new Map<string, Partial<NavCounts>>();
    for (const summary of groups?.values() ?? []) {
      // Older servers send no restarts.
      const count = (summary as Partial<GroupSummary>).restarts ?? 0;
      if (count > 0) byGroup.set(summary.key, { restarts: count });
    }
    return byGroup;
  }, [groups]);
  return useMemo(() => {
    const open =
      group !== null && tree.group === group && tree.status === 'ready' && tree.processes.size > 0
        ? openGroupFacts(tree.processes)
        : null;
    if (open === null || group === null) return restarts.size > 0 ? restarts : undefined;
    const overrides = new Map(restarts);
    const fromServer = overrides.get(group)?.restarts ?? 0;
    overrides.set(group, {
      flagged: open.flagged,
      restarts: Math.max(fromServer, open.restarts.total),
    });
    return overrides;
  }, [restarts, tree, group]);
}

/** The navigator: namespaces → workloads → pods, containers without pod, hosts by node. */
export function PodList() {
  const groups = useLiveStore((s) => s.groups);
  const connection = useLiveStore((s) => s.connection.status);
  const filter = useUiStore((s) => s.podFilter);
  const selected = useUiStore((s) => s.group);
  const [focused, setFocused] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const scroller = useRef<HTMLDivElement>(null);
  const overrides = useCountOverrides(groups);

  const rows = useMemo(
    () =>
      groups
        ? buildNavigator(groups.values(), {
            filter,
            collapsed,
            keep: selected,
            ...(overrides ? { overrides } : {}),
          })
        : [],
    [groups, filter, collapsed, selected, overrides],
  );
  const byId = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  const firstGroup = useMemo(() => groupRows(rows)[0]?.id ?? null, [rows]);
  const total = groups?.size ?? 0;

  // The one row reachable with Tab: the focused one, else the selected one, else the first.
  const tabbable =
    (focused !== null && byId.has(focused) && focused) ||
    (selected !== null && byId.has(selected) && selected) ||
    rows[0]?.id ||
    null;

  const focusRow = (id: string | undefined) => {
    if (id === undefined) return;
    setFocused(id);
    findByData<HTMLElement>(scroller.current, 'key', id)?.focus();
  };

  const setOpen = useCallback((id: string, open: boolean) => {
    setCollapsed((current) => {
      const next = new Set(current);
      if (open) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const onActivate = useCallback(
    (row: NavRow) => {
      setFocused(row.id);
      if (row.kind === 'group') selectGroup(row.id);
      else setOpen(row.id, !row.open);
    },
    [setOpen],
  );

  const onTreeKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target instanceof Element ? event.target.closest('[data-key]') : null;
    const current = target?.getAttribute('data-key') ?? tabbable;
    const index = current === null ? -1 : (byId.get(current) ?? -1);
    const row = rows[index];
    let next: string | undefined;
    switch (event.key) {
      case 'ArrowDown':
        next = rows[Math.min(rows.length - 1, index + 1)]?.id;
        break;
      case 'ArrowUp':
        if (index <= 0) {
          document.getElementById(FILTER_INPUT_ID)?.focus();
          event.preventDefault();
          return;
        }
        next = rows[index - 1]?.id;
        break;
      case 'ArrowRight':
        if (row && row.kind !== 'group') {
          if (!row.open) {
            event.preventDefault();
            setOpen(row.id, true);
            return;
          }
          next = row.childIds[0];
        }
        break;
      case 'ArrowLeft':
        if (row && row.kind !== 'group' && row.open) {
          event.preventDefault();
          setOpen(row.id, false);
          return;
        }
        next = row?.parentId ?? undefined;
        break;
      case 'Home':
        next = rows[0]?.id;
        break;
      case 'End':
        next = rows[rows.length - 1]?.id;
        break;
      default:
        return;
    }
    event.preventDefault();
    focusRow(next);
  };

  const onFocusRow = useCallback((id: string) => setFocused(id), []);

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
  } else if (rows.length === 0) {
    body = (
      <p className="podlist__note">
        Nothing matches “<span className="mono">{filter}</span>”.
      </p>
    );
  } else {
    body = (
      <div
        className="podlist__list"
        role="tree"
        aria-label="Pods, containers and hosts"
        onKeyDown={onTreeKeyDown}
      >
        {rows.map((row) => (
          <NavItem
            key={row.id}
            row={row}
            selected={row.id === selected}
            tabbable={row.id === tabbable}
            onActivate={onActivate}
            onFocusRow={onFocusRow}
          />
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
                // While filtering, the first match is what the user is after.
                focusRow((filter.trim() !== '' ? firstGroup : tabbable) ?? undefined);
              } else if (event.key === 'Escape' && filter !== '') {
                event.stopPropagation();
                setPodFilter('');
              } else if (event.key === 'Enter' && firstGroup !== null) {
                selectGroup(firstGroup);
              }
            }}
          />
          <span className="kbd podlist__filter-kbd" aria-hidden="true">
            W
          </span>
        </label>
      </div>
      <div className="podlist__scroll" ref={scroller}>
        {body}
      </div>
    </nav>
  );
}
