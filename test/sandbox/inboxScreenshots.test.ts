import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { logger } from '../../fulfillment/runtime/logger';
import { DOCS_DIRECTORY, screenshotPaths, SCREENSHOT_VIEWPORT, takeInboxScreenshots } from '../../sandbox/inboxScreenshots';

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('npm run screenshots', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clinic-ivr-screenshots-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("writes the README's pictures to docs/ by default", () => {
    // Act
    const paths = screenshotPaths();
    // Assess
    expect(DOCS_DIRECTORY).toBe(fileURLToPath(new URL('../../docs/', import.meta.url)));
    expect(paths).toEqual({ list: join(DOCS_DIRECTORY, 'inbox-list.png'), message: join(DOCS_DIRECTORY, 'inbox-message.png') });
  });

  it('takes the list and the urgent message from the local run in headless Chromium, 1280 wide', async () => {
    // Prepare
    logger.setLogLevel('CRITICAL');
    // Act
    const paths = await takeInboxScreenshots(join(folder, 'docs'));
    // Assess
    expect(paths).toEqual(screenshotPaths(join(folder, 'docs')));
    const list = pngSize(readFileSync(paths.list));
    const message = pngSize(readFileSync(paths.message));
    expect(list.width).toBe(SCREENSHOT_VIEWPORT.width);
    expect(message.width).toBe(SCREENSHOT_VIEWPORT.width);
    expect(list.height).toBeGreaterThanOrEqual(SCREENSHOT_VIEWPORT.height);
    // The message page is longer than the window: taken whole.
    expect(message.height).toBeGreaterThan(SCREENSHOT_VIEWPORT.height);
  });

  it('checks that the README shows both pictures', () => {
    // Act
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    // Assess
    expect(readme).toContain('](docs/inbox-list.png)');
    expect(readme).toContain('](docs/inbox-message.png)');
  });
});
