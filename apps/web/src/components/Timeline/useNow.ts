import { useEffect, useState } from 'react';

/**
 * The wall clock, ticking every `intervalMs` so running bars grow. It stands still while
 * live updates are paused: a paused view is a still picture.
 */
export function useNow(paused: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (paused) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [paused, intervalMs]);
  return now;
}
