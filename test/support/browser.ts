import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../sandbox/chromium';
import { useStarted } from './lifecycle';

/** Bounds: a browser that hangs fails the test instead of holding the run. */
const ACTION_TIMEOUT_MS = 10_000;
const NAVIGATION_TIMEOUT_MS = 15_000;

/** One Chromium for a test file; every page gets a context of its own (its own cookies). */
export interface BrowserHarness {
  readonly browser: Browser;
  /** A page in a fresh context, with bounded action and navigation timeouts. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless through playwright-core. Fails, never skips, when Chromium is
 * missing: the browser tests are part of `npm test`.
 */
export async function launchBrowser(): Promise<BrowserHarness> {
  const browser = await launchChromium();
  return {
    browser,
    async newPage() {
      const context = await browser.newContext();
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
      return context.newPage();
    },
    close: () => browser.close(),
  };
}

/**
 * Chromium for every test of the calling file: launched in `beforeAll`, closed in `afterAll`.
 *
 * @example
 * const browser = useBrowser();
 * it('shows the page', async () => { const page = await browser.newPage(); … });
 */
export function useBrowser(): BrowserHarness {
  return useStarted(launchBrowser);
}

/**
 * The serious and critical accessibility violations axe finds on the page as it is now, one line
 * each (rule, what it asks, where): a test expects `[]`.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Text of the focused element: its visible text, else its value. */
export function focusedText(page: Page): Promise<string> {
  return page.evaluate('(document.activeElement?.innerText || document.activeElement?.value || "").trim()') as Promise<string>;
}

/**
 * Presses Tab until the focused element's text is `name`, as a keyboard user would; fails after
 * `maxPresses` so a control that cannot be reached by keyboard fails the test.
 */
export async function tabTo(page: Page, name: string, maxPresses = 25): Promise<void> {
  const seen: string[] = [];
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press('Tab');
    const text = await focusedText(page);
    if (text === name) return;
    seen.push(text);
  }
  throw new Error(`"${name}" not reached with ${maxPresses} presses of Tab; focus went to: ${seen.join(' | ')}`);
}

/**
 * Presses Tab until `expression` (evaluated in the page) is true of the focus, as a keyboard user
 * moves through the page; fails after `maxPresses`, naming `what` and where the focus went.
 */
export async function tabUntil(page: Page, expression: string, what: string, maxPresses = 25): Promise<void> {
  const seen: string[] = [];
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(expression)) return;
    seen.push((await page.evaluate('document.activeElement?.tagName ?? ""')) as string);
  }
  throw new Error(`${what} not reached with ${maxPresses} presses of Tab; focus went to: ${seen.join(' | ')}`);
}

/** Presses Tab until the focused control is the one labelled `label` (a `<label for>`): a text box or a drop-down. */
export function tabToField(page: Page, label: string, maxPresses = 25): Promise<void> {
  return tabUntil(page, `document.activeElement?.labels?.[0]?.innerText?.trim() === ${JSON.stringify(label)}`, `the field "${label}"`, maxPresses);
}
