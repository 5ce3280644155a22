import { memo, type KeyboardEvent } from 'react';
import type { GroupSummary } from '@exectree/domain';
import type { BranchRow, GroupRow, NavRow } from '../../view/navigator.ts';
import { formatCount, printable, splitNameTail } from '../../view/format.ts';
import { Icon, type IconName } from '../Icon/Icon.tsx';
import { NavCountChips } from './NavCountChips.tsx';
import { countsLabel } from './nav-labels.ts';

const KIND_ICON: Record<GroupSummary['kind'], IconName> = {
  pod: 'pod',
  container: 'container',
  host: 'host',
};

function metaLine(group: GroupSummary, nested: boolean): string {
  if (group.kind === 'host') return 'host processes';
  // Below its workload's row the workload needs no repeating: say where it runs.
  if (nested) return group.node;
  if (group.kind === 'container') return `no pod · ${group.node}`;
  if (group.workload && group.workload !== group.name) {
    const kind = group.workloadKind ? `${group.workloadKind.toLowerCase()} ` : '';
    return `${kind}${group.workload}`;
  }
  return group.node;
}

interface NavItemProps {
  row: NavRow;
  selected: boolean;
  tabbable: boolean;
  onActivate: (row: NavRow) => void;
  onFocusRow: (id: string) => void;
}

function BranchContent({ row }: { row: BranchRow }) {
  const what =
    row.kind === 'workload'
      ? `${row.detail ? row.detail.toLowerCase() + ' · ' : ''}${formatCount(row.groups)} pods`
      : null;
  return (
    <>
      <Icon name="chevron-right" size={12} className="navrow__chevron" />
      {row.kind === 'workload' && <Icon name="stack" size={14} className="navrow__icon" />}
      <span className="navrow__text">
        <span className="navrow__label">{printable(row.label)}</span>
        {what && <span className="navrow__meta">{printable(what)}</span>}
      </span>
      <NavCountChips counts={row.counts} compact />
      {row.kind !== 'workload' && (
        <span className="navrow__groups" aria-hidden="true">
          {formatCount(row.groups)}
        </span>
      )}
    </>
  );
}

function GroupContent({ row }: { row: GroupRow }) {
  const group = row.group;
  const name = printable(group.name);
  const [head, tail] = splitNameTail(name);
  return (
    <>
      <Icon name={KIND_ICON[group.kind]} className="pod__icon" />
      <span className="pod__text">
        <span className="pod__line">
          <span className="pod__name" title={name}>
            <span className="pod__name-head">{head}</span>
            {tail && <span className="pod__name-tail">{tail}</span>}
          </span>
          <NavCountChips counts={row.counts} part="alerts" />
        </span>
        <span className="pod__line">
          <span className="pod__meta">{printable(metaLine(group, row.level > 2))}</span>
          <NavCountChips counts={row.counts} part="activity" />
        </span>
      </span>
    </>
  );
}

/** One navigator row: a namespace, workload or section that opens, or a group to show. */
export const NavItem = memo(function NavItem({
  row,
  selected,
  tabbable,
  onActivate,
  onFocusRow,
}: NavItemProps) {
  const branch = row.kind !== 'group';
  const label = branch
    ? `${printable(row.label)}${row.kind === 'workload' ? ` (${row.detail || 'workload'})` : ''}, ${countsLabel(row.counts)}`
    : `${printable(row.group.name)}, ${countsLabel(row.counts)}`;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate(row);
    }
  };
  const classes = branch
    ? [
        'navrow',
        `navrow--${row.kind}`,
        row.open && 'navrow--open',
        !row.open && row.holdsSelection && 'navrow--holds',
      ]
    : ['pod', selected && 'pod--selected'];
  return (
    <div
      role="treeitem"
      aria-level={row.level}
      aria-expanded={branch ? row.open : undefined}
      aria-selected={branch ? undefined : selected}
      aria-label={label}
      tabIndex={tabbable ? 0 : -1}
      className={classes.filter(Boolean).join(' ')}
      style={{ paddingLeft: `${(row.level - 1) * 14 + (branch ? 6 : 10)}px` }}
      data-testid={branch ? `nav-${row.kind}` : 'group-item'}
      data-key={row.id}
      onClick={() => onActivate(row)}
      onFocus={() => onFocusRow(row.id)}
      onKeyDown={onKeyDown}
    >
      {branch ? <BranchContent row={row} /> : <GroupContent row={row} />}
    </div>
  );
});
