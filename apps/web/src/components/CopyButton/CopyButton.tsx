import { useEffect, useState, type ReactNode } from 'react';
import { Icon, type IconName } from '../Icon/Icon.tsx';

interface CopyButtonProps {
  text: string;
  label: string;
  className?: string;
  icon?: IconName;
  children?: ReactNode;
}

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Copies `text`; shows a check for a moment. Falls back silently where clipboard is denied. */
export function CopyButton({
  text,
  label,
  className = 'icon-btn',
  icon = 'copy',
  children,
}: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1400);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className={className}
      aria-label={copied ? 'Copied' : label}
      title={copied ? 'Copied' : label}
      onClick={() => {
        void writeClipboard(text).then(setCopied);
      }}
    >
      <Icon name={copied ? 'check' : icon} size={14} />
      {children}
    </button>
  );
}
