import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { timeMs } from '@exectree/domain';
import { useLiveStore } from '../../stores/live-store.ts';
import { selectProcess, useUiStore } from '../../stores/ui-store.ts';
import { setRange, useExplorerStore } from '../../stores/explorer-store.ts';
import { useDisplay, useExplorerView } from '../../stores/use-explorer-view.ts';
import { flattenRows, type TimelineRow as Row } from '../../view/timeline-rows.ts';
import {
  brushToRange,
  dataExtent,
  domainForRange,
  fitDomain,
  formatDay,
  liveEdge,
  panDomain,
  timeTicks,
  wheelFactor,
  xToTime,
} from '../../view/timeline-scale.ts';
import { rangeFromMs, rangeMs, type TimeRange } from '../../view/time-range.ts';
import { TimelineAxis } from './TimelineAxis.tsx';
import { TimelineGrid } from './TimelineGrid.tsx';
import { TimelineRows } from './TimelineRows.tsx';
import { TimelineToolbar } from './TimelineToolbar.tsx';
import { TimelineEmpty } from './TimelineEmpty.tsx';
import { toggleItem } from './toggle-item.ts';
import { useElementSize } from './useElementSize.ts';
import { useNow } from './useNow.ts';
import { useTimeDomain } from './useTimeDomain.ts';
import type { Brush } from './useBrush.ts';
import './Timeline.css';

export const LABEL_WIDTH = 300;

/**
 * Exec-to-exit bars for the open group, one row per item of the graph, in the graph's
 * order, on a zoomable time axis. Running bars grow until "now"; dragging across the bars
 * brushes the time range that filters the graph and the timeline.
 */
export function Timeline() {
  const group = useUiStore((s) => s.group);
  const selected = useUiStore((s) => s.exec);
  const all = useLiveStore((s) => s.tree.processes);
  const node = useLiveStore((s) => (group === null ? null : (s.groups?.get(group)?.node ?? null)));
  const markers = useLiveStore((s) => s.markers);
  const groups = useLiveStore((s) => s.groups);
  const range = useExplorerStore((s) => s.range);
  const paused = useExplorerStore((s) => s.paused);
  const view = useExplorerView();
  const display = useDisplay();
  const [draft, setDraft] = useState<TimeRange | null>(null);
  const axisRef = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(axisRef);

  const rows = useMemo(() => flattenRows(display.roots), [display]);
  const lookup = useCallback((id: string) => all.get(id), [all]);
  const extent = useMemo(() => dataExtent(view.visible.values(), lookup), [view.visible, lookup]);
  // The newest event anywhere: a quiet pod in a busy cluster is still live.
  const latest = useMemo(() => {
    let max = extent.max;
    for (const g of groups?.values() ?? []) {
      const t = timeMs(g.lastSeen);
      if (!Number.isNaN(t) && !(t <= max)) max = t;
    }
    return max;
  }, [groups, extent]);
  const wall = useNow(paused);
  const now = liveEdge(wall, latest);
  const fit = useMemo(
    () => (range ? domainForRange(range) : fitDomain(extent.min, Math.max(extent.max, now))),
    [range, extent, now],
  );
  const time = useTimeDomain(fit, now, `${group ?? ''}|${range?.from ?? ''}|${range?.to ?? ''}`);
  const { domain } = time;
  const frame = useMemo(() => ({ domain, width, now }), [domain, width, now]);
  const ticks = useMemo(() => timeTicks(domain, width), [domain, width]);

  const nodeMarkers = useMemo(
    () =>
      markers
        .filter((m) => m.node === node && m.time !== null)
        .map((marker) => ({ marker, ms: timeMs(marker.time) }))
        .filter((m) => !Number.isNaN(m.ms)),
    [markers, node],
  );

  const { locate } = display;
  const matchRows = useMemo(() => {
    const ids = new Set<string>();
    for (const id of view.matches) ids.add(locate.get(id) ?? id);
    return ids;
  }, [view.matches, locate]);
  const selectedRow = selected === null ? null : (locate.get(selected) ?? selected);

  // Read by the callbacks, which stay the same functions so unchanged rows skip rendering.
  const forcedOpen = useRef(display.forcedOpen);
  useLayoutEffect(() => {
    forcedOpen.current = display.forcedOpen;
  }, [display]);
  const onActivate = useCallback((row: Row) => {
    if (row.item.kind === 'group') toggleItem(row.item, forcedOpen.current);
    else selectProcess(row.item.process.execId);
  }, []);
  const onToggle = useCallback((row: Row) => toggleItem(row.item, forcedOpen.current), []);
  const onBrush = useCallback(
    ({ x0, x1 }: Brush) => {
      const picked = brushToRange(x0, x1, domain, width);
      if (picked) setRange(rangeFromMs(picked[0], picked[1]));
    },
    [domain, width],
  );
  const onZoomWheel = useCallback(
    (x: number, deltaY: number, deltaMode: number) =>
      time.zoom(xToTime(x, domain, width), wheelFactor(deltaY, deltaMode)),
    [time, domain, width],
  );
  const onPanWheel = useCallback(
    (deltaX: number) =>
      time.set(panDomain(domain, (deltaX / Math.max(1, width)) * (domain[1] - domain[0]))),
    [time, domain, width],
  );

  const shownRange = draft ?? range;
  return (
    <section
      className="timeline"
      aria-label="Timeline"
      style={{ ['--tl-label-w' as string]: `${LABEL_WIDTH}px` }}
    >
      <div className="tl-head">
        <TimelineToolbar
          rows={rows.length}
          day={formatDay(domain[0])}
          fitted={time.fitted}
          onZoom={(factor) => time.zoom((domain[0] + domain[1]) / 2, factor)}
          onFit={time.reset}
          onUseWindow={() => setRange(rangeFromMs(domain[0], domain[1]))}
        />
        <TimelineAxis
          axisRef={axisRef}
          time={time}
          width={width}
          now={now}
          ticks={ticks}
          markers={nodeMarkers}
          range={shownRange}
          onRangeDraft={setDraft}
          onRange={setRange}
        />
      </div>
      {rows.length === 0 ? (
        <TimelineEmpty range={range} />
      ) : (
        <TimelineRows
          rows={rows}
          selectedRow={selectedRow}
          matchRows={matchRows}
          contextRows={view.context}
          frame={frame}
          lookup={lookup}
          labelWidth={LABEL_WIDTH}
          grid={
            <TimelineGrid
              domain={domain}
              width={width}
              now={now}
              ticks={ticks}
              markerTimes={nodeMarkers.map((m) => m.ms)}
              range={shownRange ? rangeMs(shownRange) : null}
            />
          }
          onActivate={onActivate}
          onToggle={onToggle}
          onBrush={onBrush}
          onZoomWheel={onZoomWheel}
          onPanWheel={onPanWheel}
        />
      )}
    </section>
  );
}
