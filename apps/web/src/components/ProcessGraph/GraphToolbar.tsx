import { Icon } from '../Icon/Icon.tsx';

interface GraphToolbarProps {
  scale: number;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  /** Shown when some repeated-sibling groups are expanded. */
  onCollapseAll: (() => void) | null;
}

export function GraphToolbar({
  scale,
  onZoomIn,
  onZoomOut,
  onFit,
  onCollapseAll,
}: GraphToolbarProps) {
  return (
    <div className="gtoolbar" role="toolbar" aria-label="Graph controls">
      {onCollapseAll && (
        <>
          <button type="button" className="gtoolbar__text-btn" onClick={onCollapseAll}>
            <Icon name="collapse" size={14} />
            Regroup repeats
          </button>
          <span className="gtoolbar__sep" aria-hidden="true" />
        </>
      )}
      <button
        type="button"
        className="icon-btn"
        aria-label="Zoom out"
        title="Zoom out (−)"
        onClick={onZoomOut}
      >
        <Icon name="minus" size={14} />
      </button>
      <span className="gtoolbar__scale" aria-live="off">
        {Math.round(scale * 100)}%
      </span>
      <button
        type="button"
        className="icon-btn"
        aria-label="Zoom in"
        title="Zoom in (+)"
        onClick={onZoomIn}
      >
        <Icon name="plus" size={14} />
      </button>
      <span className="gtoolbar__sep" aria-hidden="true" />
      <button
        type="button"
        className="icon-btn"
        aria-label="Fit to view"
        title="Fit to view (0)"
        onClick={onFit}
      >
        <Icon name="fit" size={14} />
      </button>
    </div>
  );
}
