import { useUiStore } from '../../stores/ui-store.ts';
import { FacetChips, RangeChip } from '../Search/FacetChips.tsx';
import { SearchBar } from '../Search/SearchBar.tsx';
import { ViewSwitch } from './ViewSwitch.tsx';

/** The query bar over the workspace: search, filters in force, time range, and the view. */
export function ExplorerBar() {
  const group = useUiStore((s) => s.group);
  return (
    <div className="explorer-bar" data-testid="explorer-bar">
      <SearchBar />
      <FacetChips />
      <div className="explorer-bar__spacer" />
      <RangeChip />
      {group !== null && <ViewSwitch />}
    </div>
  );
}
