import { useDisplay, useExplorerView } from '../../stores/use-explorer-view.ts';
import { highlightNodes } from '../../view/match-highlight.ts';
import { useAdoptedStyleSheet } from './useAdoptedStyleSheet.ts';

/** Past this many, matches are still listed and navigable but not ringed in the graph. */
const MAX_RULES = 2000;

function cssString(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => `\\${c}`).replace(/\n/g, '\\a ')}"`;
}

function MatchRules() {
  const view = useExplorerView();
  const { locate } = useDisplay();
  const { matched, dimmed } = highlightNodes(view.matches, view.context, locate, MAX_RULES);
  const select = (ids: Iterable<string>, tail: string) =>
    [...ids].map((id) => `.gnode[data-node-id=${cssString(id)}]${tail}`).join(',\n');
  const css = [
    matched.size > 0 &&
      `${select(matched, ' .gnode__card')} { stroke: var(--match); stroke-width: 2px; fill: color-mix(in srgb, var(--match) 8%, var(--surface)); }`,
    matched.size > 0 &&
      `${select(matched, '.gnode--selected .gnode__card')} { stroke: var(--accent); stroke-width: 2.5px; }`,
    dimmed.size > 0 && `${select(dimmed, '')} { opacity: 0.5; }`,
  ]
    .filter(Boolean)
    .join('\n');
  useAdoptedStyleSheet(css);
  return null;
}

/**
 * Rings search matches and dims context-only ancestors in the SVG graph. A stylesheet keyed
 * by the cards' `data-node-id` does it without re-rendering thousands of memoised cards on
 * every keystroke. Nothing is computed while there is nothing to mark.
 */
export function MatchStyles() {
  const view = useExplorerView();
  return view.matches.length > 0 || view.context.size > 0 ? <MatchRules /> : null;
}
