import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import { zoomIdentity, type ZoomTransform } from 'd3-zoom';
import { hitCard } from '../../view/card-hit.ts';
import { drawScene, modelFor, type SceneCache } from '../../view/canvas/draw-scene.ts';
import { readPalette, type Palette } from '../../view/canvas/palette.ts';
import { buildSpatialIndex, hitTest } from '../../view/spatial-index.ts';
import { useZoom } from '../../view/useZoom.ts';
import type { LayoutNode } from '../../view/layout.ts';
import { handleGraphKey } from './graph-keys.ts';
import { GraphTooltip, type TooltipTarget } from './GraphTooltip.tsx';
import { CanvasActiveItem } from './CanvasActiveItem.tsx';
import type { GraphSceneProps } from './scene.ts';
import { useGraphCamera } from './useGraphCamera.ts';
import { useThemeVersion } from './useThemeVersion.ts';

function isFocusVisible(element: Element): boolean {
  try {
    return element.matches(':focus-visible');
  } catch {
    return false;
  }
}

interface Hit {
  node: LayoutNode;
  part: 'toggle' | 'card';
  execId: string | null;
}

/**
 * The graph on a <canvas>, for trees too big for one DOM element per card. Drawn from the
 * same layout and card models as the SVG, at most once per animation frame; d3-zoom pans
 * and zooms it. Keyboard users get a focusable tree whose active item mirrors the focused
 * node (aria-activedescendant), and a focus ring overlay drawn in HTML.
 */
export function CanvasGraph(props: GraphSceneProps) {
  const { layout, cameraRef, focused } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const ringRef = useRef<HTMLDivElement>(null);
  const transformRef = useRef<ZoomTransform>(zoomIdentity);
  const frameRef = useRef<number | null>(null);
  const sizeRef = useRef({ width: 0, height: 0, dpr: 1 });
  const paletteRef = useRef<Palette | null>(null);
  const [scale, setScale] = useState(1);
  const [hover, setHover] = useState<TooltipTarget | null>(null);
  const [focusVisible, setFocusVisible] = useState(false);
  const themeVersion = useThemeVersion();

  const cache = useMemo<SceneCache>(
    () => ({ index: buildSpatialIndex(layout), models: new WeakMap() }),
    [layout],
  );
  const latest = useRef({ props, cache, hovered: null as string | null, focusVisible });

  const draw = useCallback(() => {
    frameRef.current = null;
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const palette = paletteRef.current ?? readPalette(canvas);
    paletteRef.current = palette;
    const { props: current, cache: scene, hovered } = latest.current;
    const { width, height, dpr } = sizeRef.current;
    const t = transformRef.current;
    drawScene(
      ctx,
      current.layout,
      scene,
      {
        width,
        height,
        dpr,
        transform: { x: t.x, y: t.y, k: t.k },
        selectedExec: current.selectedExec,
        selectedNode: current.selectedNode,
        highlighted: current.highlighted,
        hovered,
        matched: current.matched,
        dimmed: current.dimmed,
      },
      palette,
    );
    const ring = ringRef.current;
    const node = current.focused === null ? undefined : current.layout.byId.get(current.focused);
    if (ring) {
      if (node && latest.current.focusVisible) {
        const { nodeWidth, nodeHeight } = current.layout.options;
        ring.style.display = 'block';
        ring.style.transform = `translate(${node.x * t.k + t.x - 4}px, ${node.y * t.k + t.y - 4}px)`;
        ring.style.width = `${nodeWidth * t.k + 8}px`;
        ring.style.height = `${nodeHeight * t.k + 8}px`;
      } else {
        ring.style.display = 'none';
      }
    }
  }, []);

  const schedule = useCallback(() => {
    if (frameRef.current === null) frameRef.current = requestAnimationFrame(draw);
  }, [draw]);

  // Every render may change what is drawn; the frame reads the latest values.
  useLayoutEffect(() => {
    latest.current = { ...latest.current, props, cache, focusVisible };
    schedule();
  });

  useEffect(() => {
    paletteRef.current = null;
    schedule();
  }, [themeVersion, schedule]);

  useEffect(
    () => () => {
      if (frameRef.current !== null) cancelAnimationFrame(frameRef.current);
    },
    [],
  );

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const resize = () => {
      const dpr = window.devicePixelRatio || 1;
      const width = canvas.clientWidth;
      const height = canvas.clientHeight;
      sizeRef.current = { width, height, dpr };
      canvas.width = Math.max(1, Math.round(width * dpr));
      canvas.height = Math.max(1, Math.round(height * dpr));
      draw();
    };
    resize();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [draw]);

  const onTransform = useCallback(
    (t: ZoomTransform) => {
      transformRef.current = t;
      cameraRef.current = { x: t.x, y: t.y, k: t.k };
      setScale((prev) => (Math.round(prev * 100) === Math.round(t.k * 100) ? prev : t.k));
      setHover(null);
      schedule();
    },
    [cameraRef, schedule],
  );
  const zoom = useZoom(canvasRef, onTransform);
  useGraphCamera(zoom, layout, props.groupKey, props.selectedNode, cameraRef);

  const hitAt = (event: MouseEvent<HTMLCanvasElement>): Hit | null => {
    const rect = event.currentTarget.getBoundingClientRect();
    const t = transformRef.current;
    const gx = (event.clientX - rect.left - t.x) / t.k;
    const gy = (event.clientY - rect.top - t.y) / t.k;
    const node = hitTest(cache.index, gx, gy);
    if (!node) return null;
    const { nodeWidth, nodeHeight } = layout.options;
    const model = modelFor(cache, node, layout);
    const hit = hitCard(model, gx - node.x, gy - node.y, nodeWidth, nodeHeight);
    if (hit.part === 'none') return null;
    return { node, part: hit.part, execId: hit.part === 'card' ? hit.execId : null };
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.buttons !== 0) return;
    const hit = hitAt(event);
    event.currentTarget.style.cursor = hit ? 'pointer' : '';
    const id = hit?.node.id ?? null;
    if (latest.current.hovered !== id) {
      latest.current.hovered = id;
      schedule();
    }
    const rect = event.currentTarget.getBoundingClientRect();
    setHover(
      hit
        ? {
            item: hit.node.item,
            execId: hit.execId,
            x: event.clientX - rect.left,
            y: event.clientY - rect.top,
          }
        : null,
    );
  };

  const onPointerLeave = () => {
    latest.current.hovered = null;
    setHover(null);
    schedule();
  };

  const onClick = (event: MouseEvent<HTMLCanvasElement>) => {
    const hit = hitAt(event);
    wrapRef.current?.focus({ preventScroll: true });
    setFocusVisible(false);
    if (!hit) return;
    if (hit.part === 'toggle') props.onToggle(hit.node.id, !hit.node.item.open);
    else props.onActivate(hit.node.id, hit.execId);
  };

  const moveFocus = (id: string) => {
    props.onMoveFocus(id);
    const node = layout.byId.get(id);
    if (!node) return;
    const { nodeWidth, nodeHeight } = layout.options;
    zoom.reveal({
      minX: node.x,
      minY: node.y,
      maxX: node.x + nodeWidth,
      maxY: node.y + nodeHeight,
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    setFocusVisible(true);
    handleGraphKey(event, {
      layout,
      current: focused,
      zoom,
      moveFocus,
      onToggle: props.onToggle,
      onActivate: props.onActivate,
    });
  };

  const active = focused === null ? undefined : layout.byId.get(focused);
  // A new id per node, so assistive technology announces each move of the active item.
  const activeDomId = active ? `gcanvas-node-${layout.indexOf.get(active.id) ?? 0}` : undefined;
  return (
    <div className="gcanvas gcanvas--canvas" data-renderer="canvas">
      <div
        ref={wrapRef}
        className="gcanvas__focus-host"
        role="tree"
        aria-label={`Process tree of ${props.title}`}
        aria-activedescendant={activeDomId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          setFocusVisible(isFocusVisible(event.currentTarget));
          schedule();
        }}
        onBlur={() => {
          setFocusVisible(false);
          schedule();
        }}
      >
        <canvas
          ref={canvasRef}
          className="gcanvas__canvas"
          data-testid="process-graph-canvas"
          aria-hidden="true"
          onPointerMove={onPointerMove}
          onPointerLeave={onPointerLeave}
          onClick={onClick}
        />
        {active && activeDomId && (
          <CanvasActiveItem
            key={activeDomId}
            id={activeDomId}
            node={active}
            selectedExec={props.selectedExec}
            width={layout.options.nodeWidth}
            height={layout.options.nodeHeight}
          />
        )}
      </div>
      <div ref={ringRef} className="gcanvas__ring" data-testid="canvas-focus" aria-hidden="true" />
      {hover && <GraphTooltip target={hover} />}
      {props.chrome(zoom, scale)}
    </div>
  );
}
