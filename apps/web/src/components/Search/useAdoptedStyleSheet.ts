import { useEffect, useRef } from 'react';

/**
 * Applies generated CSS through a constructed stylesheet. The server's Content Security
 * Policy (`style-src 'self'`) rejects inline `<style>` elements; CSSOM sheets are allowed.
 * Where the browser cannot construct sheets (old engines, jsdom) nothing is applied.
 */
export function useAdoptedStyleSheet(css: string): void {
  const sheet = useRef<CSSStyleSheet | null>(null);

  useEffect(() => {
    if (typeof CSSStyleSheet === 'undefined' || !Array.isArray(document.adoptedStyleSheets)) return;
    let own: CSSStyleSheet;
    try {
      own = new CSSStyleSheet();
    } catch {
      return;
    }
    sheet.current = own;
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, own];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== own);
      sheet.current = null;
    };
  }, []);

  useEffect(() => {
    sheet.current?.replaceSync(css);
  }, [css]);
}
