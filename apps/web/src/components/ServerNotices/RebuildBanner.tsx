import type { RebuildProgress } from '@exectree/domain';
import { formatCount } from '../../view/format.ts';
import { rebuildPercent } from './server-notices.ts';
import './ServerNotices.css';

/** Shown while the server replays its store into the trees after a restart. */
export function RebuildBanner({ progress }: { progress: RebuildProgress | null | undefined }) {
  if (!progress) return null;
  const percent = rebuildPercent(progress);
  return (
    <section className="rebuild" aria-label="Rebuilding" data-testid="rebuild-banner">
      <div className="rebuild__spinner" aria-hidden="true" />
      <div className="rebuild__body">
        <p className="rebuild__title" role="status">
          <strong>Rebuilding process trees from the store…</strong>{' '}
          <span className="rebuild__percent">{percent} %</span>
        </p>
        <p className="rebuild__detail">
          The server restarted and is replaying {formatCount(progress.replayed)} of{' '}
          {formatCount(progress.total)} stored events. Pods and processes fill in as it goes; new
          events are taken in meanwhile.
        </p>
      </div>
      <div
        className="rebuild__bar"
        role="progressbar"
        aria-label="Events replayed"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="rebuild__fill" style={{ width: `${percent}%` }} />
      </div>
    </section>
  );
}
