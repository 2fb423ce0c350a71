/**
 * The inbox's list in Debian's Chromium, over the demo messages `npm run inbox` shows (played through
 * the real local pipeline against the sandbox): sign-in with the printed link, the order, the filters
 * by keyboard, and new messages appearing without a reload.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SANDBOX_CLINICIANS } from '../../../sandbox/data/clinicians';
import { SCENARIOS } from '../../../sandbox/data/scenarios';
import { seriousA11yViolations, tabTo, useBrowser } from '../../support/browser';
import { demoNoteId, signedInPage, storeMessage, useLocalInbox } from '../../support/inboxPages';

const { nurse } = SANDBOX_CLINICIANS;
const { augustin, cornelius, eleanor, harold } = SCENARIOS;

/** Each row of the list as `[message link, patient, complaint and badge, status]`. */
async function rowsOf(page: Page): Promise<{ href: string | null; patient: string; complaint: string; status: string }[]> {
  const rows = page.locator('#message-list tbody tr');
  const result = [];
  for (let index = 0; index < (await rows.count()); index += 1) {
    const cells = rows.nth(index).locator('td');
    result.push({
      href: await cells.nth(0).locator('a').getAttribute('href'),
      patient: (await cells.nth(1).innerText()).trim(),
      complaint: (await cells.nth(3).innerText()).trim(),
      status: (await cells.nth(4).innerText()).trim(),
    });
  }
  return result;
}

describe('the inbox list in a real browser', () => {
  const browser = useBrowser();
  const local = useLocalInbox();

  it('signs the nurse in with the link npm run inbox prints and lists the urgent message first, then the newest', async () => {
    // Prepare
    const page = await browser.newPage();
    // Act
    const landed = await page.goto(local.signInUrl);
    // Assess
    expect(page.url()).toBe(`${local.server.url}/`);
    expect(landed?.status()).toBe(200);
    expect(landed?.headers()['cache-control']).toBe('no-store');
    expect(await page.locator('.clinician-name').textContent()).toBe(nurse.name);
    const rows = await rowsOf(page);
    expect(rows.map((row) => row.href)).toEqual([
      `/messages/${demoNoteId(local, 'urgent')}`,
      `/messages/${demoNoteId(local, 'keptForStaff')}`,
      `/messages/${demoNoteId(local, 'filed')}`,
    ]);
    expect(rows[0]).toMatchObject({ patient: expect.stringContaining(augustin.family), complaint: 'Urgent chest pain', status: 'Filed in Epic' });
    expect(rows[1]).toMatchObject({ patient: expect.stringContaining(cornelius.family), status: 'Kept for staff' });
    expect(rows[2]).toMatchObject({ patient: expect.stringContaining(eleanor.family), status: 'Filed in Epic' });
    expect(await page.locator('#message-list tbody tr').first().locator('td').nth(2).innerText()).toBe('May 22, 1944');
    expect(await page.locator('#message-list tbody td').first().innerText()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M C[SD]T$/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('filters with the keyboard alone: urgent, and not filed in Epic', async () => {
    // Prepare
    const page = await signedInPage(browser, local);
    // Act
    await tabTo(page, 'Urgent');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${local.server.url}/?filter=urgent`);
    const urgent = await rowsOf(page);
    const urgentViolations = await seriousA11yViolations(page);
    await tabTo(page, 'Not filed in Epic');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${local.server.url}/?filter=notFiled`);
    const notFiled = await rowsOf(page);
    // Assess
    expect(urgent.map((row) => row.href)).toEqual([`/messages/${demoNoteId(local, 'urgent')}`]);
    expect(urgentViolations).toEqual([]);
    expect(notFiled.map((row) => row.href)).toEqual([`/messages/${demoNoteId(local, 'keptForStaff')}`]);
    expect(await page.getByRole('link', { name: 'Not filed in Epic' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Not filed in Epic');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});

describe('new messages in the open list', () => {
  const browser = useBrowser();
  const local = useLocalInbox({ listRefreshSeconds: 1 });

  it('appear without a reload, and the list says how many came in', async () => {
    // Prepare: a page to tell a reload from an update.
    const page = await signedInPage(browser, local);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const before = (await rowsOf(page)).length;
    // Act
    const note = await storeMessage(local.demo, harold.patientId, 'I have had a sore throat for two days.');
    await page.locator(`#message-list a[href="/messages/${note.noteId}"]`).waitFor({ timeout: 10_000 });
    // Assess
    const rows = await rowsOf(page);
    expect(rows).toHaveLength(before + 1);
    expect(rows.find((row) => row.href === `/messages/${note.noteId}`)?.patient).toContain(harold.family);
    // Urgent first still: the new routine message comes right after the urgent one.
    expect(rows[0]?.href).toBe(`/messages/${demoNoteId(local, 'urgent')}`);
    expect(rows[1]?.href).toBe(`/messages/${note.noteId}`);
    expect(await page.locator('#list-status').textContent()).toBe('1 new message.');
    expect(navigations).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
