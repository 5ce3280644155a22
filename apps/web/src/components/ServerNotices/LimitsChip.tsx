import { useEffect, useId, useRef, useState } from 'react';
import type { LimitStatus } from '@exectree/domain';
import { printable } from '../../view/format.ts';
import { Icon } from '../Icon/Icon.tsx';
import { explainLimit, limitsLabel } from './server-notices.ts';
import './ServerNotices.css';

/**
 * A warning chip while any limit of the server was hit since it started: something was
 * rejected, refused or trimmed, and the user must know the view may be incomplete.
 */
export function LimitsChip({ limits }: { limits: readonly LimitStatus[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const popoverId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (limits.length === 0) return null;
  const explained = limits.map(explainLimit);
  const summary = explained.map((l) => `${l.name} (${l.flag} ${l.value}): ${l.sentence}`);
  return (
    <div
      className="limits"
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <button
        type="button"
        className="chip chip--warn limits__chip"
        aria-expanded={open}
        aria-controls={popoverId}
        title={summary.join('\n')}
        data-testid="limits-chip"
        onClick={() => setOpen((value) => !value)}
      >
        <Icon name="alert" size={13} />
        {limitsLabel(limits.length)}
      </button>
      {open && (
        <div
          className="popover limits__popover"
          id={popoverId}
          role="dialog"
          aria-label="Limits hit"
        >
          <p className="limits__intro">
            Since it started, the server hit these limits, so some data was rejected, refused or
            trimmed: what you see may be incomplete.
          </p>
          <ul className="limits__list">
            {explained.map((limit) => (
              <li key={limit.name} className="limits__item" data-testid="limit-hit">
                <span className="limits__name">
                  <code>{printable(limit.flag)}</code> {printable(limit.value)}
                </span>
                <span className="limits__sentence">{printable(limit.sentence)}</span>
              </li>
            ))}
          </ul>
          <p className="limits__hint">
            Raise a limit with its flag when restarting the server (see <code>exectree --help</code>{' '}
            and docs/security.md); counts start again at zero.
          </p>
        </div>
      )}
    </div>
  );
}
