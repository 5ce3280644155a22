/**
 * Keeps the UI store and the address bar in step: the URL seeds the store on load, every
 * change of group or selection adds a history entry, and Back/Forward restore them.
 */
import { useUiStore } from '../stores/ui-store.ts';
import { decodeRoute, encodeRoute, sameRoute, type Route } from './url-state.ts';

export function startUrlSync(win: Window = window): () => void {
  const apply = (route: Route) => {
    useUiStore.setState({ group: route.group, exec: route.exec });
  };
  const initial = decodeRoute(win.location.search);
  apply(initial);
  // Normalise the address (e.g. drop unknown params) without adding an entry.
  win.history.replaceState(win.history.state, '', urlFor(win, initial));

  let restoring = false;
  const onPopState = () => {
    restoring = true;
    try {
      apply(decodeRoute(win.location.search));
    } finally {
      restoring = false;
    }
  };
  win.addEventListener('popstate', onPopState);

  const unsubscribe = useUiStore.subscribe((state, previous) => {
    if (restoring) return;
    const next: Route = { group: state.group, exec: state.exec };
    if (sameRoute(next, { group: previous.group, exec: previous.exec })) return;
    if (sameRoute(next, decodeRoute(win.location.search))) return;
    win.history.pushState(null, '', urlFor(win, next));
  });

  return () => {
    unsubscribe();
    win.removeEventListener('popstate', onPopState);
  };
}

function urlFor(win: Window, route: Route): string {
  return `${win.location.pathname}${encodeRoute(route)}${win.location.hash}`;
}
