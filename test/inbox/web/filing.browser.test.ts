/**
 * Filing a message kept for staff from the inbox, in Debian's Chromium against the sandbox with
 * Epic's encounter rule: whatever the clinician or the browser does twice, Epic gets one
 * DocumentReference for the message.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SANDBOX_CLINICIANS } from '../../../sandbox/data/clinicians';
import { SCENARIOS } from '../../../sandbox/data/scenarios';
import { seriousA11yViolations, tabTo, tabToField, useBrowser } from '../../support/browser';
import { auditOf, demoNoteId, documentReferencesOf, keptForStaffMessage, signedInPage, useLocalInbox } from '../../support/inboxPages';

const { nurse } = SANDBOX_CLINICIANS;
const { cornelius } = SCENARIOS;

/** The POST requests the page sends to `path`. */
function postsTo(page: Page, path: string): string[] {
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === path) posts.push(request.url());
  });
  return posts;
}

describe('filing a message kept for staff in a real browser', () => {
  const browser = useBrowser();
  const local = useLocalInbox();

  it('files it once under the chosen encounter, with the keyboard alone, however often Enter is pressed', async () => {
    // Prepare
    const noteId = demoNoteId(local, 'keptForStaff');
    const page = await signedInPage(browser, local, nurse.username, `/messages/${noteId}`);
    const before = await page.locator('section[aria-labelledby="filing-heading"]').innerText();
    const posts = postsTo(page, `/messages/${noteId}/file`);
    // Act: choose the encounter, then press Enter on the button twice in a row.
    await tabToField(page, 'Encounter to file under');
    const chosen = (await page.locator('#encounter').inputValue()) || '';
    await tabTo(page, 'File in Epic');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${local.server.url}/messages/${noteId}?done=filed`);
    // Assess
    const documents = await documentReferencesOf(local.demo, noteId, cornelius.patientId);
    expect(before).toContain('Kept for staff');
    expect(posts).toHaveLength(1);
    expect(documents).toHaveLength(1);
    expect(documents[0]?.context?.encounter?.[0]?.reference).toBe(`Encounter/${chosen}`);
    expect(await page.getByRole('status').innerText()).toBe('Filed in Epic.');
    expect(await page.locator('section[aria-labelledby="filing-heading"]').innerText()).toContain(`Filed in Epic (DocumentReference ${documents[0]?.id as string}).`);
    expect(await page.locator('#encounter').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('answers a replay of the filed form with the same DocumentReference and files nothing more', async () => {
    // Prepare: the form as the page had it, posted again with the session's token.
    const noteId = demoNoteId(local, 'keptForStaff');
    const page = await signedInPage(browser, local, nurse.username, `/messages/${noteId}`);
    const csrf = (await page.locator('form.sign-out input[name=csrf]').inputValue()) || '';
    const [filed] = await documentReferencesOf(local.demo, noteId, cornelius.patientId);
    const encounterId = (filed?.context?.encounter?.[0]?.reference ?? '').replace('Encounter/', '');
    // Act
    const replay = await page.request.post(`${local.server.url}/messages/${noteId}/file`, { form: { csrf, encounterId }, maxRedirects: 0 });
    // Assess
    expect(replay.status()).toBe(303);
    expect(replay.headers()['location']).toBe(`/messages/${noteId}?done=filed`);
    expect(await documentReferencesOf(local.demo, noteId, cornelius.patientId)).toHaveLength(1);
  });

  it('files once when the browser runs no script (a double click may post twice) while the form is replayed twice at the same time', async () => {
    // Prepare: a second message of the same patient, kept for staff by the pipeline; a browser without JavaScript.
    const { noteId } = await keptForStaffMessage(local.demo, cornelius.patientId, 'My knee is still swollen and now it is warm to touch.');
    const context = await browser.browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(local.server.signInUrl(nurse.username, `/messages/${noteId}`));
    await page.waitForURL(`${local.server.url}/messages/${noteId}`);
    const csrf = (await page.locator('form.sign-out input[name=csrf]').inputValue()) || '';
    const encounterId = (await page.locator('#encounter').inputValue()) || '';
    const posts = postsTo(page, `/messages/${noteId}/file`);
    // Act
    const [first, second] = await Promise.all([
      page.request.post(`${local.server.url}/messages/${noteId}/file`, { form: { csrf, encounterId }, maxRedirects: 0 }),
      page.request.post(`${local.server.url}/messages/${noteId}/file`, { form: { csrf, encounterId }, maxRedirects: 0 }),
      page.getByRole('button', { name: 'File in Epic' }).dblclick(),
    ]);
    await page.waitForURL(`${local.server.url}/messages/${noteId}?done=filed`);
    // Assess
    const documents = await documentReferencesOf(local.demo, noteId, cornelius.patientId);
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect([first.status(), second.status()]).toEqual([303, 303]);
    expect(documents).toHaveLength(1);
    expect(await page.locator('section[aria-labelledby="filing-heading"]').innerText()).toContain(`Filed in Epic (DocumentReference ${documents[0]?.id as string}).`);
    await context.close();
  });

  it('audits each filing as the clinician’s, for the patient', async () => {
    // Assess
    const files = auditOf(local.demo, nurse.sub).filter(([action]) => action === 'file');
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(new Set(files.map(([, patient, types]) => `${patient} ${types.join(',')}`))).toEqual(new Set([`${cornelius.patientId} DocumentReference`]));
  });
});
