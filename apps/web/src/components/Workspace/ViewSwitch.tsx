import { setView, useExplorerStore, type ViewMode } from '../../stores/explorer-store.ts';
import { Icon, type IconName } from '../Icon/Icon.tsx';

const VIEWS: readonly { mode: ViewMode; label: string; icon: IconName; key: string }[] = [
  { mode: 'graph', label: 'Graph', icon: 'tree', key: 'g' },
  { mode: 'timeline', label: 'Timeline', icon: 'timeline', key: 't' },
  { mode: 'split', label: 'Split', icon: 'split', key: 's' },
];

/** Graph, timeline, or both: a segmented control (G, T, S from anywhere). */
export function ViewSwitch() {
  const view = useExplorerStore((s) => s.view);
  return (
    <div className="viewswitch" role="radiogroup" aria-label="View">
      {VIEWS.map(({ mode, label, icon, key }) => (
        <button
          key={mode}
          type="button"
          role="radio"
          aria-checked={view === mode}
          className={`viewswitch__btn${view === mode ? ' viewswitch__btn--on' : ''}`}
          title={`${label} (${key.toUpperCase()})`}
          onClick={() => setView(mode)}
        >
          <Icon name={icon} size={14} />
          <span>{label}</span>
        </button>
      ))}
    </div>
  );
}
