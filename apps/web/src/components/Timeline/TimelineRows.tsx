import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import {
  rowIndex,
  scrollToRow,
  visibleWindow,
  type TimelineRow as Row,
} from '../../view/timeline-rows.ts';
import type { BarFrame } from '../../view/timeline-bars.ts';
import type { ProcessLookup } from '../../view/time-range.ts';
import { findByData } from '../../view/dom.ts';
import { TimelineRow, ROW_HEIGHT } from './TimelineRow.tsx';
import { useElementSize } from './useElementSize.ts';
import { useBrush, type Brush } from './useBrush.ts';

interface TimelineRowsProps {
  rows: readonly Row[];
  /** The row showing the selected process. */
  selectedRow: string | null;
  matchRows: ReadonlySet<string>;
  contextRows: ReadonlySet<string>;
  frame: BarFrame;
  lookup: ProcessLookup;
  labelWidth: number;
  /** Drawn behind the rows: tick lines, now, loss markers, the range shading. */
  grid: ReactNode;
  onActivate: (row: Row) => void;
  onToggle: (row: Row) => void;
  onBrush: (brush: Brush) => void;
  onZoomWheel: (x: number, deltaY: number, deltaMode: number) => void;
  onPanWheel: (deltaX: number) => void;
}

/**
 * The rows, virtualised: only those in view (plus a few) are in the DOM, so thousands of
 * processes scroll smoothly. A treegrid with one tab stop; arrows move, Enter selects,
 * → and ← open and close. Dragging across the bars brushes a time range.
 */
export function TimelineRows({
  rows,
  selectedRow,
  matchRows,
  contextRows,
  frame,
  lookup,
  labelWidth,
  grid,
  onActivate,
  onToggle,
  onBrush,
  onZoomWheel,
  onPanWheel,
}: TimelineRowsProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const { height } = useElementSize(scroller);
  const [scrollTop, setScrollTop] = useState(0);
  const [focused, setFocused] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const index = useMemo(() => rowIndex(rows), [rows]);
  const { start, end } = visibleWindow(rows.length, ROW_HEIGHT, scrollTop, height);
  const brush = useBrush(scroller, labelWidth, frame.width, onBrush);

  const tabbable =
    (focused !== null && index.has(focused) && focused) ||
    (selectedRow !== null && index.has(selectedRow) && selectedRow) ||
    rows[0]?.id ||
    null;

  const reveal = useCallback(
    (id: string) => {
      const element = scroller.current;
      const i = index.get(id);
      if (!element || i === undefined) return;
      const top = scrollToRow(i, ROW_HEIGHT, element.scrollTop, element.clientHeight);
      if (top !== null) {
        element.scrollTop = top;
        setScrollTop(top);
      }
    },
    [index],
  );

  // Follow a new selection (made here, in the graph or by search) into view, once: live
  // updates must not pull the list back while the user scrolls elsewhere.
  const revealedFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (selectedRow === revealedFor.current || selectedRow === null || !index.has(selectedRow)) {
      return;
    }
    revealedFor.current = selectedRow;
    reveal(selectedRow);
  }, [selectedRow, index, reveal]);

  useEffect(() => {
    const id = pendingFocus.current;
    if (id === null) return;
    pendingFocus.current = null;
    findByData<HTMLElement>(scroller.current, 'row-id', id)?.focus({ preventScroll: true });
  });

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      const x = event.clientX - element.getBoundingClientRect().left - labelWidth;
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        onZoomWheel(x, event.deltaY, event.deltaMode);
      } else if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        event.preventDefault();
        onPanWheel(event.shiftKey ? event.deltaY : event.deltaX);
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [labelWidth, onZoomWheel, onPanWheel]);

  const moveTo = (id: string | undefined) => {
    if (id === undefined) return;
    setFocused(id);
    pendingFocus.current = id;
    reveal(id);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (tabbable === null) return;
    const i = index.get(tabbable) ?? 0;
    const row = rows[i];
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    switch (event.key) {
      case 'ArrowDown':
        moveTo(rows[Math.min(rows.length - 1, i + 1)]?.id);
        break;
      case 'ArrowUp':
        moveTo(rows[Math.max(0, i - 1)]?.id);
        break;
      case 'PageDown':
        moveTo(rows[Math.min(rows.length - 1, i + page)]?.id);
        break;
      case 'PageUp':
        moveTo(rows[Math.max(0, i - page)]?.id);
        break;
      case 'Home':
        moveTo(rows[0]?.id);
        break;
      case 'End':
        moveTo(rows[rows.length - 1]?.id);
        break;
      case 'ArrowRight':
        if (row && row.item.childCount > 0 && !row.item.open) onToggle(row);
        else if (row?.item.open) moveTo(rows[i + 1]?.id);
        break;
      case 'ArrowLeft':
        if (row && row.item.childCount > 0 && row.item.open) onToggle(row);
        else if (row?.parentId) moveTo(row.parentId);
        break;
      case 'Enter':
      case ' ':
        if (row) onActivate(row);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const onFocusRow = useCallback((id: string) => setFocused(id), []);
  const { consumeClick } = brush;
  const activate = useCallback(
    (row: Row) => {
      if (consumeClick()) return;
      onActivate(row);
    },
    [consumeClick, onActivate],
  );

  return (
    <div className="tl-body">
      <div className="tl-grid" style={{ left: labelWidth, width: frame.width }} aria-hidden="true">
        {grid}
      </div>
      <div
        ref={scroller}
        className="tl-scroll"
        role="treegrid"
        aria-label="Processes over time"
        aria-rowcount={rows.length}
        data-testid="timeline"
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        onKeyDown={onKeyDown}
        {...brush.handlers}
      >
        <div className="tl-scroll__content" style={{ height: rows.length * ROW_HEIGHT }}>
          {rows.slice(start, end).map((row, k) => (
            <TimelineRow
              key={row.id}
              row={row}
              index={start + k}
              selected={row.id === selectedRow}
              tabbable={row.id === tabbable}
              matched={matchRows.has(row.id)}
              dimmed={contextRows.has(row.id)}
              frame={frame}
              lookup={lookup}
              onActivate={activate}
              onToggle={onToggle}
              onFocusRow={onFocusRow}
            />
          ))}
        </div>
      </div>
      {brush.band && (
        <div
          className="tl-brush"
          style={{ left: labelWidth + brush.band.left, width: brush.band.width }}
          data-testid="timeline-brush"
          aria-hidden="true"
        />
      )}
    </div>
  );
}
