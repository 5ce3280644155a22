import { useEffect, useState } from 'react';

/**
 * Changes whenever the colour scheme may have changed (the system preference, or a theme
 * attribute on <html>), so canvas drawing can re-read the design tokens.
 */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    media?.addEventListener?.('change', bump);
    const observer = typeof MutationObserver === 'undefined' ? null : new MutationObserver(bump);
    observer?.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['class', 'style', 'data-theme'],
    });
    return () => {
      media?.removeEventListener?.('change', bump);
      observer?.disconnect();
    };
  }, []);
  return version;
}
