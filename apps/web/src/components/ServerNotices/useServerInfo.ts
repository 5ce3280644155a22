import { useEffect, useState } from 'react';
import type { InfoResponse } from '@exectree/domain';
import { useLiveStore } from '../../stores/live-store.ts';
import { fetchInfo } from '../../transport/http.ts';
import { requestFreshSnapshots } from '../../transport/socket.ts';
import { pollDelay } from './server-notices.ts';

/**
 * The server's info, kept current: the socket sends it once per connection, so limit hits
 * and the rebuild's progress are polled from `GET /api/v1/info` (every second while the
 * server rebuilds). When a rebuild ends, the live view asks for fresh snapshots.
 */
export function useServerInfo(onRebuilt: () => void = requestFreshSnapshots): InfoResponse | null {
  const live = useLiveStore((s) => s.info);
  // A poll's answer is tied to the connection's info it followed: a new connection wins.
  const [polled, setPolled] = useState<{ after: InfoResponse | null; info: InfoResponse } | null>(
    null,
  );

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let last = live;
    const controller = new AbortController();
    const poll = () => {
      fetchInfo(controller.signal).then(
        (info) => {
          if (stopped) return;
          if (last?.rebuild && !info.rebuild) onRebuilt();
          last = info;
          setPolled({ after: live, info });
          timer = setTimeout(poll, pollDelay(info, false));
        },
        () => {
          if (!stopped) timer = setTimeout(poll, pollDelay(last, true));
        },
      );
    };
    // The connection just said everything; ask again only if it is rebuilding.
    timer = setTimeout(poll, live === null ? 0 : pollDelay(live, false));
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [live, onRebuilt]);

  return polled !== null && polled.after === live ? polled.info : live;
}
