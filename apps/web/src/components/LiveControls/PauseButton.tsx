import { useLiveStore } from '../../stores/live-store.ts';
import { togglePaused, useExplorerStore } from '../../stores/explorer-store.ts';
import { formatCount } from '../../view/format.ts';
import { Icon } from '../Icon/Icon.tsx';
import './LiveControls.css';

/**
 * Pause holds live updates back so the picture stands still while you read it; the badge
 * counts the processes that changed meanwhile, and resume applies them all at once (P).
 */
export function PauseButton() {
  const paused = useExplorerStore((s) => s.paused);
  const held = useLiveStore((s) => s.held);
  const label = paused
    ? held > 0
      ? `Resume live updates (${formatCount(held)} new)`
      : 'Resume live updates'
    : 'Pause live updates';
  return (
    <button
      type="button"
      className={`chip chip--button pause${paused ? ' chip--warn pause--paused' : ''}`}
      aria-pressed={paused}
      aria-label={label}
      title={`${label} (P)`}
      data-testid="pause-button"
      onClick={togglePaused}
    >
      <Icon name={paused ? 'play' : 'pause'} size={13} />
      <span className="pause__label">{paused ? 'Resume' : 'Pause'}</span>
      {paused && held > 0 && (
        <span className="pause__new" data-testid="held-count" aria-hidden="true">
          {formatCount(held)} new
        </span>
      )}
    </button>
  );
}
