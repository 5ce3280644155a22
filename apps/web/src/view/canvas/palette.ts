/**
 * The canvas draws with the same design tokens as the CSS, read from the element's
 * computed style, so both themes (and any future theme switch) apply to it too.
 */
import type { StatusTone } from '../status.ts';

export interface ToneColors {
  fg: string;
  bg: string;
  bar: string;
}

export interface Palette {
  surface: string;
  surface2: string;
  border: string;
  borderStrong: string;
  text: string;
  text2: string;
  text3: string;
  link: string;
  accent: string;
  accentText: string;
  accentSoftStrong: string;
  focus: string;
  match: string;
  danger: string;
  dangerBg: string;
  onDanger: string;
  tones: Record<StatusTone, ToneColors>;
  fontMono: string;
}

export function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const muted = v('--muted', '#6b7280');
  return {
    surface: v('--surface', '#fff'),
    surface2: v('--surface-2', '#f3f4f6'),
    border: v('--border', '#e4e6ea'),
    borderStrong: v('--border-strong', '#cfd3da'),
    text: v('--text', '#15181e'),
    text2: v('--text-2', '#4b5260'),
    text3: v('--text-3', '#7c8492'),
    link: v('--link', '#c3c8d1'),
    accent: v('--accent', '#5b5bd6'),
    accentText: v('--accent-text', '#4745b8'),
    accentSoftStrong: v('--accent-soft-strong', 'rgb(91 91 214 / 18%)'),
    focus: v('--focus', '#5b5bd6'),
    match: v('--match', '#0e7490'),
    danger: v('--danger', '#c52a2a'),
    dangerBg: v('--danger-bg', 'rgb(220 38 38 / 10%)'),
    onDanger: '#fff',
    tones: {
      running: {
        fg: v('--running', '#15803d'),
        bg: v('--running-bg', '#eefaf1'),
        bar: v('--running', '#15803d'),
      },
      ok: { fg: v('--ok', '#4b5260'), bg: v('--ok-bg', '#eef0f3'), bar: v('--text-3', '#7c8492') },
      warn: {
        fg: v('--warn', '#b45309'),
        bg: v('--warn-bg', '#fdf3e6'),
        bar: v('--warn', '#b45309'),
      },
      danger: {
        fg: v('--danger', '#c52a2a'),
        bg: v('--danger-bg', '#fdeaea'),
        bar: v('--danger', '#c52a2a'),
      },
      muted: { fg: muted, bg: v('--muted-bg', '#f0f1f4'), bar: muted },
    },
    fontMono: v('--font-mono', 'monospace'),
  };
}
