import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

const MIN = 0.2;
const MAX = 0.8;
const STORAGE_KEY = 'exectree.split';

function initialRatio(): number {
  const stored = Number(globalThis.localStorage?.getItem(STORAGE_KEY));
  return Number.isFinite(stored) && stored >= MIN && stored <= MAX ? stored : 0.55;
}

/** Two panes stacked, with a divider to drag (or move with the arrow keys). */
export function SplitPane({ top, bottom }: { top: ReactNode; bottom: ReactNode }) {
  const [ratio, setRatio] = useState(initialRatio);
  const box = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  const update = (next: number) => {
    const clamped = Math.min(MAX, Math.max(MIN, next));
    setRatio(clamped);
    globalThis.localStorage?.setItem(STORAGE_KEY, String(clamped));
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const rect = box.current?.getBoundingClientRect();
    if (!dragging.current || !rect || rect.height === 0) return;
    update((event.clientY - rect.top) / rect.height);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowUp') update(ratio - 0.05);
    else if (event.key === 'ArrowDown') update(ratio + 0.05);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={box}
      className="split"
      style={{ gridTemplateRows: `minmax(0, ${ratio}fr) auto minmax(0, ${1 - ratio}fr)` }}
    >
      <div className="split__pane">{top}</div>
      <div
        className="split__divider"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize graph and timeline"
        aria-valuemin={MIN * 100}
        aria-valuemax={MAX * 100}
        aria-valuenow={Math.round(ratio * 100)}
        tabIndex={0}
        onPointerDown={(event) => {
          dragging.current = true;
          event.currentTarget.setPointerCapture(event.pointerId);
        }}
        onPointerMove={onPointerMove}
        onPointerUp={() => (dragging.current = false)}
        onPointerCancel={() => (dragging.current = false)}
        onKeyDown={onKeyDown}
      />
      <div className="split__pane">{bottom}</div>
    </div>
  );
}
