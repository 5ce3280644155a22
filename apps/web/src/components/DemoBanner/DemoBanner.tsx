import { useState } from 'react';
import { useLiveStore } from '../../stores/live-store.ts';
import { CommandLine } from '../CommandLine/CommandLine.tsx';
import { Icon } from '../Icon/Icon.tsx';
import { FILE_OPTION, INGEST_ENDPOINT, PIPE_COMMAND } from '../../view/connect-hints.ts';
import './DemoBanner.css';

/** Shown while the server replays its simulated cluster because no source is configured. */
export function DemoBanner() {
  const demo = useLiveStore((s) => s.info?.demo === true);
  const [dismissed, setDismissed] = useState(false);
  if (!demo || dismissed) return null;
  return (
    <section className="demo" aria-label="Demo mode" data-testid="demo-banner">
      <div className="demo__icon">
        <Icon name="info" />
      </div>
      <div className="demo__body">
        <p className="demo__title">
          <strong>This is simulated demo data.</strong> No real cluster is connected: the server
          replays a generated one so you can look around. To see your own pods, stream
          Tetragon&apos;s events into exectree:
        </p>
        <div className="demo__cmd">
          <CommandLine command={PIPE_COMMAND} />
        </div>
        <p className="demo__alt">
          or follow the export file on a node with <code>{FILE_OPTION}</code>, or <code>POST</code>{' '}
          NDJSON lines to <code>{INGEST_ENDPOINT}</code>.
        </p>
      </div>
      <button
        type="button"
        className="icon-btn demo__close"
        aria-label="Hide demo notice"
        onClick={() => setDismissed(true)}
      >
        <Icon name="close" size={14} />
      </button>
    </section>
  );
}
