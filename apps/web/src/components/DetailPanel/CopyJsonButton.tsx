import { useEffect, useState } from 'react';
import { Icon } from '../Icon/Icon.tsx';

interface CopyJsonButtonProps {
  value: unknown;
  label: string;
  children?: string;
}

/** Copies `value` as indented JSON. Serialised on click: a process can have 10,000 events. */
export function CopyJsonButton({ value, label, children }: CopyJsonButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1400);
    return () => clearTimeout(timer);
  }, [state]);
  const text = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label;
  return (
    <button
      type="button"
      className={children ? 'btn btn--small' : 'icon-btn'}
      aria-label={text}
      title={text}
      onClick={() => {
        navigator.clipboard
          .writeText(JSON.stringify(value, null, 2))
          .then(() => setState('copied'))
          .catch(() => setState('failed'));
      }}
    >
      <Icon name={state === 'copied' ? 'check' : 'copy'} size={14} />
      {children}
    </button>
  );
}
