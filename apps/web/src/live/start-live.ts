/** Wires the live stream to the stores for the running app (main.tsx calls this once). */
import { createSocketTransport } from '../transport/socket.ts';
import type { LiveTransport } from '../transport/messages.ts';
import { useUiStore } from '../stores/ui-store.ts';
import { useExplorerStore } from '../stores/explorer-store.ts';
import { prepareExplorer } from '../stores/use-explorer-view.ts';
import { createIngest } from './ingest.ts';

/** Tree deltas commit at most this often: see `deltaIntervalMs` in ingest.ts. */
const DELTA_INTERVAL_MS = 250;

export function startLive(transport: LiveTransport = createSocketTransport()): () => void {
  const ingest = createIngest({
    transport,
    deltaIntervalMs: DELTA_INTERVAL_MS,
    prepare: prepareExplorer,
  });
  ingest.setPaused(useExplorerStore.getState().paused);
  ingest.setGroup(useUiStore.getState().group);
  const unsubscribe = useUiStore.subscribe((state, previous) => {
    if (state.group !== previous.group) ingest.setGroup(state.group);
  });
  const unsubscribePause = useExplorerStore.subscribe((state) => ingest.setPaused(state.paused));
  return () => {
    unsubscribe();
    unsubscribePause();
    ingest.dispose();
    transport.close();
  };
}
