import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM } from './paths.ts';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's Chromium, headless, with the project's flags; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * tsx compiles the functions handed to page.evaluate with esbuild's keepNames, which wraps
 * them in calls to a `__name` helper that does not exist in the page.
 */
export async function newBenchPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  return page;
}
