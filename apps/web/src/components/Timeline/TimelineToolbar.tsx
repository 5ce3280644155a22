import { formatCount } from '../../view/format.ts';
import { IconButton } from '../IconButton/IconButton.tsx';

interface TimelineToolbarProps {
  rows: number;
  /** The day the window starts on, e.g. "Nov 27". */
  day: string;
  /** The window fits the data (nothing to reset). */
  fitted: boolean;
  onZoom: (factor: number) => void;
  onFit: () => void;
  /** Makes the visible window the time range. */
  onUseWindow: () => void;
}

/** The header's left cell: what the rows are, and the zoom controls. */
export function TimelineToolbar({
  rows,
  day,
  fitted,
  onZoom,
  onFit,
  onUseWindow,
}: TimelineToolbarProps) {
  return (
    <div className="tl-toolbar" role="toolbar" aria-label="Timeline controls">
      <span className="tl-toolbar__heading">
        <span className="tl-toolbar__title">
          Timeline <span className="tl-toolbar__count">{formatCount(rows)}</span>
        </span>
        <span className="tl-toolbar__day">{day} · UTC</span>
      </span>
      <span className="tl-toolbar__spacer" />
      <IconButton
        icon="minus"
        label="Zoom out"
        title="Zoom out (− on the axis)"
        onClick={() => onZoom(1.25)}
      />
      <IconButton
        icon="plus"
        label="Zoom in"
        title="Zoom in (+ on the axis)"
        onClick={() => onZoom(0.8)}
      />
      <IconButton
        icon="fit"
        label="Fit time axis"
        title="Fit to the data (0, or double-click the axis)"
        pressed={fitted}
        onClick={onFit}
      />
      <IconButton
        icon="range"
        label="Use visible window as time range"
        title="Use the visible window as the time range (or drag across the bars)"
        onClick={onUseWindow}
      />
    </div>
  );
}
