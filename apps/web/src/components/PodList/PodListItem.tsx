import { memo } from 'react';
import type { GroupSummary } from '@exectree/domain';
import { formatCount, printable, splitNameTail } from '../../view/format.ts';
import { Icon, type IconName } from '../Icon/Icon.tsx';

const KIND_ICON: Record<GroupSummary['kind'], IconName> = {
  pod: 'pod',
  container: 'container',
  host: 'host',
};

function metaLine(group: GroupSummary): string {
  if (group.kind === 'host') return 'host processes';
  if (group.workload && group.workload !== group.name) {
    const kind = group.workloadKind ? `${group.workloadKind.toLowerCase()} ` : '';
    return `${kind}${group.workload}`;
  }
  return group.node;
}

interface PodListItemProps {
  group: GroupSummary;
  selected: boolean;
  tabbable: boolean;
  onSelect: (key: string) => void;
  onFocusItem: (key: string) => void;
}

export const PodListItem = memo(function PodListItem({
  group,
  selected,
  tabbable,
  onSelect,
  onFocusItem,
}: PodListItemProps) {
  const name = printable(group.name);
  const [head, tail] = splitNameTail(name);
  const label = `${name}, ${group.processes} processes, ${group.running} running`;
  return (
    <div
      role="option"
      aria-selected={selected}
      aria-label={label}
      tabIndex={tabbable ? 0 : -1}
      className={`pod${selected ? ' pod--selected' : ''}`}
      data-testid="group-item"
      data-key={group.key}
      onClick={() => onSelect(group.key)}
      onFocus={() => onFocusItem(group.key)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onSelect(group.key);
        }
      }}
    >
      <Icon name={KIND_ICON[group.kind]} className="pod__icon" />
      <div className="pod__text">
        <span className="pod__name" title={name}>
          <span className="pod__name-head">{head}</span>
          {tail && <span className="pod__name-tail">{tail}</span>}
        </span>
        <span className="pod__meta">{printable(metaLine(group))}</span>
      </div>
      <div className="pod__counts" aria-hidden="true">
        {group.running > 0 && (
          <span className="pod__running" title={`${group.running} running`}>
            <span className="pod__dot" />
            {formatCount(group.running)}
          </span>
        )}
        <span className="pod__total" title={`${group.processes} processes`}>
          {formatCount(group.processes)}
        </span>
      </div>
    </div>
  );
});
