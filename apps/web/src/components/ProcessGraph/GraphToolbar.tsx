import type { Renderer } from '../../view/renderer.ts';
import { formatCount } from '../../view/format.ts';
import { Icon } from '../Icon/Icon.tsx';
import { IconButton } from '../IconButton/IconButton.tsx';

/** What ProcessGraph adds to the toolbar. */
export interface GraphToolbarOptions {
  showProbes: boolean;
  /** Exec-probe processes left out while they are hidden. */
  hiddenProbes: number;
  /** Probe processes in the group at all (the toggle is shown only when there are some). */
  hasProbes: boolean;
  onShowProbes: (show: boolean) => void;
  /** Undo every fold and unfold; null when there is nothing to undo. */
  onReset: (() => void) | null;
}

interface GraphToolbarProps extends GraphToolbarOptions {
  scale: number;
  renderer: Renderer;
  nodes: number;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
}

export function GraphToolbar({
  scale,
  renderer,
  nodes,
  onZoomIn,
  onZoomOut,
  onFit,
  showProbes,
  hiddenProbes,
  hasProbes,
  onShowProbes,
  onReset,
}: GraphToolbarProps) {
  return (
    <div className="gtoolbar" role="toolbar" aria-label="Graph controls">
      {hasProbes && (
        <button
          type="button"
          className={`gtoolbar__text-btn${showProbes ? ' gtoolbar__text-btn--on' : ''}`}
          aria-pressed={showProbes}
          data-testid="probe-toggle"
          title={
            showProbes
              ? 'Hide processes run by Kubernetes exec probes'
              : 'Show processes run by Kubernetes exec probes'
          }
          onClick={() => onShowProbes(!showProbes)}
        >
          <Icon name="stack" size={14} />
          {showProbes ? 'Exec probes shown' : 'Exec probes'}
          {!showProbes && (
            <span className="gtoolbar__count" data-testid="hidden-probes">
              {formatCount(hiddenProbes)} hidden
            </span>
          )}
        </button>
      )}
      {onReset && (
        <button
          type="button"
          className="gtoolbar__text-btn"
          title="Fold repeats and unfold everything else again"
          onClick={onReset}
        >
          <Icon name="collapse" size={14} />
          Reset folding
        </button>
      )}
      {(hasProbes || onReset) && <span className="gtoolbar__sep" aria-hidden="true" />}
      {renderer === 'canvas' && (
        <>
          <span
            className="gtoolbar__mode"
            data-testid="canvas-mode"
            title="Large tree: drawn on a canvas to stay smooth"
          >
            {formatCount(nodes)} nodes · canvas
          </span>
          <span className="gtoolbar__sep" aria-hidden="true" />
        </>
      )}
      <IconButton icon="minus" label="Zoom out" title="Zoom out (−)" onClick={onZoomOut} />
      <span className="gtoolbar__scale" aria-live="off">
        {Math.round(scale * 100)}%
      </span>
      <IconButton icon="plus" label="Zoom in" title="Zoom in (+)" onClick={onZoomIn} />
      <span className="gtoolbar__sep" aria-hidden="true" />
      <IconButton icon="fit" label="Fit to view" title="Fit to view (0)" onClick={onFit} />
    </div>
  );
}
