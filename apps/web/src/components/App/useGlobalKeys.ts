import { useEffect } from 'react';
import { closeDetails, useUiStore } from '../../stores/ui-store.ts';
import { setView, togglePaused } from '../../stores/explorer-store.ts';
import { stepToMatch } from '../../stores/match-actions.ts';
import { FILTER_INPUT_ID } from '../PodList/filter-input.ts';
import { focusSearch } from '../Search/search-input.ts';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Single keys that act from anywhere but a text field. */
const SHORTCUTS: Record<string, () => void> = {
  '/': focusSearch,
  w: () => document.getElementById(FILTER_INPUT_ID)?.focus(),
  n: () => stepToMatch(1),
  N: () => stepToMatch(-1),
  p: togglePaused,
  g: () => setView('graph'),
  t: () => setView('timeline'),
  s: () => setView('split'),
};

/**
 * "/" focuses the search, W the workload filter; N and Shift+N step through matches; P
 * pauses; G, T and S switch view; Esc closes the detail panel.
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      const shortcut = SHORTCUTS[event.key];
      if (shortcut && !isTyping(event.target)) {
        if ('gts'.includes(event.key) && useUiStore.getState().group === null) return;
        event.preventDefault();
        shortcut();
      } else if (event.key === 'Escape') {
        closeDetails();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
