import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Debian's Chromium: the test tools cannot download their own browsers here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Only the hub under test resolves. Pages ask for NHS web fonts from assets.nhs.uk; without
  // network a lookup can hang for seconds per page, and with it the tests would depend on a CDN.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

export interface BrowserAvailability {
  isAvailable: boolean;
  /** Why the browser suite is skipped; empty when the browser is there. */
  reason: string;
}

/**
 * Whether the browser suite can run. CI must have Chromium, so its absence there is an error
 * rather than a quiet skip; on a workstation without it the suite is skipped with this reason.
 */
export function browserAvailability(): BrowserAvailability {
  if (existsSync(CHROMIUM_PATH)) return { isAvailable: true, reason: '' };
  const reason = `Chromium not found at ${CHROMIUM_PATH} (install the Debian "chromium" package or set CHROMIUM_PATH)`;
  if (process.env.CI) throw new Error(`CI must provide a browser for the e2e tests: ${reason}`);
  process.stderr.write(`Skipping browser tests: ${reason}\n`);
  return { isAvailable: false, reason };
}

export interface LaunchedBrowser {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium. Playwright gives a non-persistent launch its own fresh temporary
 * profile (and refuses a --user-data-dir argument), so no profile is shared between runs.
 */
export async function launchChromium(): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return { browser, close: () => browser.close() };
}
