import { useLiveStore } from '../../stores/live-store.ts';
import { Icon } from '../Icon/Icon.tsx';
import './ConnectionBanner.css';

/** Says that what is on screen is the last known state while the stream is down. */
export function ConnectionBanner() {
  const status = useLiveStore((s) => s.connection.status);
  const hasData = useLiveStore((s) => s.groups !== null);
  const attempt = useLiveStore((s) => s.connection.attempt);
  if (!hasData || status === 'live' || status === 'connecting') return null;
  return (
    <div className="connbanner" role="alert" data-testid="connection-banner">
      <Icon name="wifi-off" size={14} />
      <span>
        <strong>Connection to the server lost.</strong> Showing the last known state — reconnecting
        {attempt > 0 ? ` (attempt ${attempt})` : ''}…
      </span>
    </div>
  );
}
