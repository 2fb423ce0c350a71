import { runIfInvoked } from './entry';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { messagePath } from '../fulfillment/inbox/web';
import { logger } from '../fulfillment/runtime/logger';
import { launchChromium, waitForExpression } from './chromium';
import { startLocalInbox } from './localInbox';

/**
 * `npm run screenshots`: the README's pictures of the inbox, taken from the local run. The demo
 * messages are played into a fresh store, the inbox is served on loopback, and headless Chromium
 * signs the sandbox nurse in and saves the list and the urgent message's page.
 */

/** The repository's `docs/` folder, where the README finds the pictures. */
export const DOCS_DIRECTORY = fileURLToPath(new URL('../docs/', import.meta.url));

/** The browser window the pictures are taken in. */
export const SCREENSHOT_VIEWPORT = { width: 1280, height: 900 } as const;

/** Longest wait for a page or a control. */
const PAGE_TIMEOUT_MS = 15_000;

/** The two pictures, in `directory`: the list and the urgent message's page. */
export function screenshotPaths(directory: string = DOCS_DIRECTORY): { readonly list: string; readonly message: string } {
  return { list: join(directory, 'inbox-list.png'), message: join(directory, 'inbox-message.png') };
}

/**
 * Takes both pictures into `directory` (created if missing) and returns their paths. Each is the
 * whole page at {@link SCREENSHOT_VIEWPORT}'s width; the message page is taken once its audio is
 * ready to play, so the player shows the recording's length.
 *
 * @example
 * const { list, message } = await takeInboxScreenshots('/tmp/shots');
 */
export async function takeInboxScreenshots(directory: string = DOCS_DIRECTORY): Promise<{ readonly list: string; readonly message: string }> {
  const paths = screenshotPaths(directory);
  mkdirSync(directory, { recursive: true });
  const local = await startLocalInbox();
  try {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: SCREENSHOT_VIEWPORT, reducedMotion: 'reduce' });
      context.setDefaultTimeout(PAGE_TIMEOUT_MS);
      const page = await context.newPage();
      await page.goto(local.signInUrl);
      await page.waitForURL(`${local.server.url}/`);
      await page.getByRole('table').waitFor();
      await page.screenshot({ path: paths.list, fullPage: true });

      const urgent = local.demo.messages.find((message) => message.kind === 'urgent');
      if (!urgent) throw new Error('the demo has no urgent message to show');
      await page.goto(`${local.server.url}${messagePath(urgent.noteId)}`);
      await waitForExpression(page, 'document.querySelector("audio")?.readyState >= 1', PAGE_TIMEOUT_MS);
      await page.screenshot({ path: paths.message, fullPage: true });
      return paths;
    } finally {
      await browser.close();
    }
  } finally {
    await local.close();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: { out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write('npm run screenshots -- [--out DIR]\n\nRegenerates docs/inbox-list.png and docs/inbox-message.png (or the same names in DIR) from the local inbox in headless Chromium.\n');
    return 0;
  }
  logger.setLogLevel('CRITICAL');
  const paths = await takeInboxScreenshots(values.out ?? DOCS_DIRECTORY);
  for (const path of [paths.list, paths.message]) {
    const shown = relative(process.cwd(), path);
    process.stdout.write(`Wrote ${shown.startsWith('..') ? path : shown}\n`);
  }
  return 0;
}

runIfInvoked(import.meta.url, 'screenshots', main);
