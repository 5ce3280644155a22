import { useEffect } from 'react';
import { closeDetails } from '../../stores/ui-store.ts';
import { FILTER_INPUT_ID } from '../PodList/filter-input.ts';

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** "/" focuses the pod filter, Esc closes the detail panel. */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === '/' && !isTyping(event.target)) {
        event.preventDefault();
        document.getElementById(FILTER_INPUT_ID)?.focus();
      } else if (event.key === 'Escape') {
        closeDetails();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
