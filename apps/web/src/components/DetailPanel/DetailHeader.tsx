import type { Process } from '@exectree/domain';
import { closeDetails, useUiStore } from '../../stores/ui-store.ts';
import { encodeRoute } from '../../url/url-state.ts';
import { basename, dirname, printable } from '../../view/format.ts';
import { CopyButton } from '../CopyButton/CopyButton.tsx';
import { IconButton } from '../IconButton/IconButton.tsx';
import { StatusBadge } from '../StatusBadge/StatusBadge.tsx';

function CopyLink() {
  const group = useUiStore((s) => s.group);
  const exec = useUiStore((s) => s.exec);
  const href = `${window.location.origin}${window.location.pathname}${encodeRoute({ group, exec })}`;
  return <CopyButton text={href} label="Copy link to this process" icon="link" />;
}

export function DetailHeader({ process }: { process: Process | null }) {
  const binary = process ? printable(process.binary || '<unknown>') : '';
  return (
    <header className="details__head">
      <div className="details__titles">
        <h2 className="details__name mono" id="details-title">
          {process ? basename(binary) : 'Process'}
        </h2>
        {process && <p className="details__path mono">{dirname(binary)}</p>}
      </div>
      {process && <StatusBadge process={process} size="md" />}
      <CopyLink />
      <IconButton
        icon="close"
        label="Close details"
        title="Close (Esc)"
        size={16}
        onClick={closeDetails}
      />
    </header>
  );
}

export function CommandSection({ process }: { process: Process }) {
  const command = [process.binary, process.arguments].filter(Boolean).join(' ');
  return (
    <section className="dsection" aria-labelledby="details-command">
      <div className="dsection__row">
        <h3 className="dsection__title" id="details-command">
          Command
        </h3>
        <CopyButton text={command} label="Copy command line" />
      </div>
      <pre className="details__cmd" data-testid="command-line">
        <span className="details__cmd-bin">{printable(process.binary || '<unknown>')}</span>
        {process.arguments && ' '}
        {printable(process.arguments)}
      </pre>
    </section>
  );
}
