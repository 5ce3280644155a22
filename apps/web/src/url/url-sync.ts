/**
 * Keeps the stores and the address bar in step: the URL seeds the stores on load, every
 * change of a view setting adds a history entry (typing in the search box replaces it),
 * and Back/Forward restore them.
 */
import { useUiStore } from '../stores/ui-store.ts';
import { useExplorerStore } from '../stores/explorer-store.ts';
import { decodeRoute, encodeRoute, isTypingChange, sameRoute, type Route } from './url-state.ts';
import { sameFolds } from './fold-codec.ts';

/** The route the stores describe right now. */
export function currentRoute(): Route {
  const ui = useUiStore.getState();
  const ex = useExplorerStore.getState();
  return {
    group: ui.group,
    exec: ui.exec,
    view: ex.view,
    range: ex.range,
    query: ex.query,
    onlyMatches: ex.onlyMatches,
    paused: ex.paused,
    showProbes: ui.showProbes,
    folds: { expanded: ui.expanded, collapsed: ui.collapsed },
    revealOff: ui.revealOff && ui.group !== null && ui.exec !== null,
  };
}

export function applyRoute(route: Route): void {
  const ui = useUiStore.getState();
  const { folds } = route;
  const refolded = !sameFolds(folds, { expanded: ui.expanded, collapsed: ui.collapsed });
  if (
    refolded ||
    ui.group !== route.group ||
    ui.exec !== route.exec ||
    ui.showProbes !== route.showProbes
  ) {
    useUiStore.setState({
      group: route.group,
      exec: route.exec,
      showProbes: route.showProbes,
      // Unchanged folds keep their identity, so the graph's layout is not redone.
      expanded: refolded ? folds.expanded : ui.expanded,
      collapsed: refolded ? folds.collapsed : ui.collapsed,
    });
  }
  // Last: a new selection turns revealOff off again (see ui-store.ts).
  if (useUiStore.getState().revealOff !== route.revealOff) {
    useUiStore.setState({ revealOff: route.revealOff });
  }
  useExplorerStore.setState({
    view: route.view,
    range: route.range,
    query: route.query,
    onlyMatches: route.onlyMatches,
    paused: route.paused,
  });
}

export function startUrlSync(win: Window = window): () => void {
  const initial = decodeRoute(win.location.search);
  applyRoute(initial);
  // Normalise the address (e.g. drop unknown params) without adding an entry.
  win.history.replaceState(win.history.state, '', urlFor(win, initial));

  let last = initial;
  let restoring = false;
  const onPopState = () => {
    restoring = true;
    try {
      last = decodeRoute(win.location.search);
      applyRoute(last);
    } finally {
      restoring = false;
    }
  };
  win.addEventListener('popstate', onPopState);

  const onChange = () => {
    if (restoring) return;
    const next = currentRoute();
    if (sameRoute(next, last)) return;
    const previous = last;
    last = next;
    if (sameRoute(next, decodeRoute(win.location.search))) return;
    if (isTypingChange(previous, next)) win.history.replaceState(null, '', urlFor(win, next));
    else win.history.pushState(null, '', urlFor(win, next));
  };
  const offUi = useUiStore.subscribe(onChange);
  const offExplorer = useExplorerStore.subscribe(onChange);

  return () => {
    offUi();
    offExplorer();
    win.removeEventListener('popstate', onPopState);
  };
}

function urlFor(win: Window, route: Route): string {
  return `${win.location.pathname}${encodeRoute(route)}${win.location.hash}`;
}
