/**
 * Draws one card on a canvas from its CardModel, the same model the SVG card renders.
 * Text goes through fillText only: binaries and arguments come from the monitored
 * workload and are never interpreted.
 */
import { BADGE_H, BADGE_Y, DETAIL_Y, NAME_Y, TOGGLE_H, type CardModel } from '../card-model.ts';
import type { Palette } from './palette.ts';

export interface CardState {
  /** The parent is outside the group (or a loop was cut): draw the stub on the left. */
  stub: 'external' | 'cycle' | null;
  /** The selected exec id when it is one of this card's images. */
  selectedExec: string | null;
  /** Closed, with the selected process hidden inside. */
  holdsSelection: boolean;
  hovered: boolean;
  /** A search match: ringed in the match colour. */
  matched: boolean;
  dimmed: boolean;
  /** Too small to read: draw shapes only. */
  simple: boolean;
}

const RADIUS = 9;

function pill(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

function drawMarker(
  ctx: CanvasRenderingContext2D,
  model: CardModel,
  x: number,
  y: number,
  p: Palette,
) {
  const marker = model.marker;
  if (!marker) return;
  ctx.beginPath();
  ctx.arc(x + 2, y + 2, 8, 0, Math.PI * 2);
  ctx.fillStyle = marker.solid ? p.danger : p.surface;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = marker.solid ? p.surface : p.danger;
  ctx.stroke();
  ctx.fillStyle = marker.solid ? p.onDanger : p.danger;
  ctx.font = `800 11px ${p.fontMono}`;
  ctx.textAlign = 'center';
  ctx.fillText('!', x + 2, y + 6);
  ctx.textAlign = 'start';
}

function drawToggle(
  ctx: CanvasRenderingContext2D,
  model: CardModel,
  x: number,
  y: number,
  height: number,
  p: Palette,
) {
  const toggle = model.toggle;
  if (!toggle) return;
  const top = y + height / 2 - TOGGLE_H / 2;
  pill(ctx, x + toggle.x, top, toggle.width, TOGGLE_H, TOGGLE_H / 2);
  const flagged = toggle.flagged > 0;
  ctx.fillStyle = flagged ? p.danger : toggle.open ? p.surface : p.surface2;
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = flagged ? p.danger : p.borderStrong;
  ctx.stroke();
  ctx.fillStyle = flagged ? p.onDanger : p.text2;
  ctx.font = `700 11px ${p.fontMono}`;
  ctx.textAlign = 'center';
  ctx.fillText(toggle.label, x + toggle.x + toggle.width / 2, top + 12.5);
  ctx.textAlign = 'start';
}

export function drawCard(
  ctx: CanvasRenderingContext2D,
  model: CardModel,
  x: number,
  y: number,
  width: number,
  height: number,
  state: CardState,
  p: Palette,
): void {
  const selected = state.selectedExec !== null;
  ctx.globalAlpha = state.dimmed ? 0.45 : 1;

  if (state.stub) {
    const color = state.stub === 'cycle' ? p.tones.warn.fg : p.link;
    ctx.beginPath();
    ctx.setLineDash([3, 3]);
    ctx.moveTo(x - 30, y + height / 2);
    ctx.lineTo(x - 2, y + height / 2);
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.arc(x - 32, y + height / 2, 3, 0, Math.PI * 2);
    ctx.fillStyle = p.surface;
    ctx.fill();
    ctx.strokeStyle = state.stub === 'cycle' ? color : p.text3;
    ctx.stroke();
  }

  if (model.kind === 'group' && model.toggle && !model.toggle.open) {
    ctx.fillStyle = p.surface2;
    ctx.strokeStyle = p.borderStrong;
    ctx.lineWidth = 1;
    pill(ctx, x + 10, y + 7, width - 20, height, RADIUS);
    ctx.fill();
    ctx.stroke();
    pill(ctx, x + 5, y + 3.5, width - 10, height, RADIUS);
    ctx.fill();
    ctx.stroke();
  }

  pill(ctx, x, y, width, height, RADIUS);
  ctx.fillStyle = p.surface;
  ctx.fill();
  if (selected) {
    ctx.globalAlpha *= 0.07;
    ctx.fillStyle = p.accent;
    ctx.fill();
    ctx.globalAlpha = state.dimmed ? 0.45 : 1;
  }
  if (state.matched && !selected) {
    ctx.globalAlpha *= 0.08;
    ctx.fillStyle = p.match;
    ctx.fill();
    ctx.globalAlpha = state.dimmed ? 0.45 : 1;
  }
  ctx.lineWidth = selected ? 2 : state.matched ? 2 : 1;
  ctx.strokeStyle = selected
    ? p.accent
    : state.matched
      ? p.match
      : state.hovered
        ? p.text3
        : p.borderStrong;
  if (state.holdsSelection) {
    ctx.setLineDash([5, 3]);
    ctx.lineWidth = 2;
    ctx.strokeStyle = p.accent;
  }
  ctx.stroke();
  ctx.setLineDash([]);

  for (const segment of model.bar) {
    pill(ctx, x + 6, y + segment.y, 3, segment.height, 1.5);
    ctx.fillStyle = p.tones[segment.tone].bar;
    ctx.fill();
  }

  if (!state.simple) {
    const lane = model.names.length > 1;
    for (let i = 0; i < model.names.length; i += 1) {
      const segment = model.names[i];
      if (!segment) continue;
      const picked = lane && segment.execId !== null && segment.execId === state.selectedExec;
      ctx.font = `700 13px ${p.fontMono}`;
      ctx.fillStyle = picked ? p.accentText : segment.past ? p.text3 : p.text;
      ctx.fillText(segment.text, x + segment.x, y + NAME_Y);
      if (i < model.names.length - 1) {
        ctx.fillStyle = p.text3;
        ctx.fillText('›', x + segment.x + segment.width + 4, y + NAME_Y);
      }
    }
    ctx.font = `11.2px ${p.fontMono}`;
    ctx.fillStyle = model.detailIsPath ? p.text3 : p.text2;
    ctx.fillText(model.detail, x + 16, y + DETAIL_Y);

    ctx.font = `600 10.5px ${p.fontMono}`;
    ctx.textAlign = 'center';
    for (const chip of model.chips) {
      pill(ctx, x + chip.x, y + DETAIL_Y - 11, chip.width, 15, 4);
      ctx.strokeStyle = p.borderStrong;
      ctx.lineWidth = 1;
      ctx.stroke();
      ctx.fillStyle = p.text3;
      ctx.fillText(chip.label, x + chip.x + chip.width / 2, y + DETAIL_Y);
    }

    const badge = model.badge;
    const tone = p.tones[badge.tone];
    pill(ctx, x + badge.x, y + BADGE_Y, badge.width, BADGE_H, BADGE_H / 2);
    ctx.fillStyle = badge.count ? p.accentSoftStrong : tone.bg;
    ctx.fill();
    const dot = badge.tone === 'running' && !badge.count;
    if (dot) {
      ctx.beginPath();
      ctx.arc(x + badge.x + 9, y + BADGE_Y + 9, 3, 0, Math.PI * 2);
      ctx.fillStyle = tone.fg;
      ctx.fill();
    }
    ctx.font = badge.count ? `700 11px ${p.fontMono}` : `600 10.5px ${p.fontMono}`;
    ctx.fillStyle = badge.count ? p.accentText : tone.fg;
    ctx.fillText(badge.label, x + badge.x + badge.width / 2 + (dot ? 5 : 0), y + BADGE_Y + 12.5);
    ctx.textAlign = 'start';
    drawToggle(ctx, model, x, y, height, p);
  }
  drawMarker(ctx, model, x, y, p);
  ctx.globalAlpha = 1;
}
