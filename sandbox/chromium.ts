import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * LOCAL MODE: headless Chromium for what looks at the inbox as a browser does (the screenshots, the
 * page-load benchmark, the browser tests): Debian's Chromium driven by playwright-core, which ships
 * no browser of its own.
 */

/** Debian's Chromium (`apt-get install -y chromium`; `.ci/run` installs it when missing). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Longest wait for Chromium to start. */
const LAUNCH_TIMEOUT_MS = 30_000;

/** Chromium is not installed where it is looked for. */
export class ChromiumMissingError extends Error {
  public constructor(path: string) {
    super(`Chromium not found at ${path}: run apt-get install -y chromium (.ci/run does it)`);
    this.name = 'ChromiumMissingError';
  }
}

/**
 * Launches headless Chromium. Fails, never falls back, when it is missing.
 *
 * @throws {ChromiumMissingError} when {@link CHROMIUM_PATH} does not exist
 * @example
 * const browser = await launchChromium();
 * try { const page = await (await browser.newContext()).newPage(); … } finally { await browser.close(); }
 */
export async function launchChromium(path: string = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(path)) throw new ChromiumMissingError(path);
  // --no-sandbox: CI and the dev container run as root, where Chromium's own sandbox cannot start.
  return chromium.launch({ executablePath: path, args: ['--no-sandbox'], timeout: LAUNCH_TIMEOUT_MS });
}

/** Something that can evaluate an expression in a page: a playwright `Page`. */
export interface Evaluates {
  evaluate(expression: string): Promise<unknown>;
}

/**
 * Waits until `expression` is truthy in the page, looking every 50 ms for at most `timeoutMs`.
 * Playwright's `waitForFunction` compiles its predicate in the page, which the inbox's CSP (no
 * `unsafe-eval`) refuses; `evaluate` runs through the DevTools protocol, which the CSP does not see.
 *
 * @throws Error naming the expression when the time is up
 * @example
 * await waitForExpression(page, 'document.querySelector("audio").readyState >= 1');
 */
export async function waitForExpression(page: Evaluates, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() >= deadline) throw new Error(`${expression} was still false after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
