/** DOM id of the process search box, so "/" can focus it from anywhere. */
export const SEARCH_INPUT_ID = 'process-search';
export const SEARCH_RESULTS_ID = 'process-search-results';

export function focusSearch(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}

/** DOM id of a cross-pod result row, for aria-activedescendant. */
export function resultOptionId(key: string): string {
  return `search-result-${key.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
}
