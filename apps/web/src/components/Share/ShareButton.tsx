import { useEffect, useState } from 'react';
import { Icon } from '../Icon/Icon.tsx';
import './Share.css';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Copies the address of exactly this view (the URL holds all of it). When the clipboard is
 * refused, the link is shown selected so it can be copied by hand.
 */
export function ShareButton() {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const href = typeof window === 'undefined' ? '' : window.location.href;
  return (
    <div className="share">
      <button
        type="button"
        className={`chip chip--button share__btn${state === 'copied' ? ' chip--success' : ''}`}
        data-testid="share-button"
        title="Copy a link to this exact view"
        onClick={() => {
          void copy(window.location.href).then((ok) => setState(ok ? 'copied' : 'manual'));
        }}
      >
        <Icon name={state === 'copied' ? 'check' : 'share'} size={13} />
        <span>{state === 'copied' ? 'Copied' : 'Share'}</span>
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {state === 'copied' ? 'Link copied to the clipboard' : ''}
      </span>
      {state === 'manual' && (
        <div className="popover share__manual" role="dialog" aria-label="Copy this link">
          <p>The browser did not allow copying. Copy the link yourself:</p>
          <input
            readOnly
            value={href}
            aria-label="Link to this view"
            ref={(input) => input?.select()}
            onKeyDown={(event) => {
              if (event.key === 'Escape') setState('idle');
            }}
          />
          <button type="button" className="btn" onClick={() => setState('idle')}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
