/**
 * What the browser tests share: Debian's Chromium, started headless; the two widths every page is tried at;
 * the built portal they need; and the check that every form control on a page has a label.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const PORTAL_BUILD = path.resolve(__dirname, '..', '..', 'portal', 'build', 'index.html');
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };
/** How long the UI may take for one step: a click that calls the gateway, a page load. */
export const STEP_MS = 15_000;

/** `describe` when Chromium is installed; otherwise `describe.skip`, saying so for `file`. */
export function describeIfChromium(file: string): jest.Describe {
  if (fs.existsSync(CHROMIUM)) return describe;
  console.log(`${file} skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  return describe.skip;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Fails with the command to run when the portal has not been built. */
export function requirePortalBuild(): void {
  if (!fs.existsSync(PORTAL_BUILD))
    throw new Error('the portal is not built: npm run build -w @meridian/portal');
}

/**
 * Form controls without a label (a <label>, aria-label or aria-labelledby; a button's text) under `selectors`:
 * there should be none. GraphiQL's own editors are left out. Runs in the page, hence a string (the tests
 * compile without the DOM's types).
 */
export function unlabelledControls(
  selectors = 'main input, main select, main textarea, main button',
): string {
  return `[...document.querySelectorAll(${JSON.stringify(selectors)})]
  .filter((control) => !control.closest('.graphiql-container'))
  .filter((control) => !((control.labels && control.labels.length > 0) || control.getAttribute('aria-label') ||
    control.getAttribute('aria-labelledby') || (control.tagName === 'BUTTON' && control.textContent.trim())))
  .map((control) => control.outerHTML.slice(0, 120))`;
}
