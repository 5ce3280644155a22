import { useUiStore } from '../../stores/ui-store.ts';
import { stepToMatch } from '../../stores/match-actions.ts';
import { useExplorerView } from '../../stores/use-explorer-view.ts';
import { matchLabel } from '../../view/match-nav.ts';

/** The open group's matches: how many, where the selection is among them, and the step. */
export function useMatchNavigation() {
  const view = useExplorerView();
  const selected = useUiStore((s) => s.exec);
  return {
    searching: view.searching,
    count: view.matches.length,
    label: matchLabel(view.matches, selected),
    step: stepToMatch,
  };
}
