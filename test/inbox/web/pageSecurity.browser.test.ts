/**
 * What the inbox's pages refuse to do, in Debian's Chromium over the demo messages: run a caller's
 * words as markup, serve a recording the path names rather than the message's own, or show anything
 * about a patient to a browser without a session.
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SANDBOX_CLINICIANS } from '../../../sandbox/data/clinicians';
import { SCENARIOS } from '../../../sandbox/data/scenarios';
import { INBOX_DEMO_CALLS } from '../../../sandbox/inboxDemo';
import { syntheticMessageWav } from '../../../sandbox/localAudio';
import { seriousA11yViolations, tabTo, tabToField, useBrowser } from '../../support/browser';
import { demoNoteId, signedInPage, storeMessage, useLocalInbox } from '../../support/inboxPages';

const { nurse } = SANDBOX_CLINICIANS;
const { eleanor, harold } = SCENARIOS;

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const JS_URL = 'javascript:alert(1)';

/** Dialogs the page opened (an alert that ran would be one). */
function dialogsOf(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/** Elements in `main` that a caller's words could have injected. */
const injected = (page: Page) => page.evaluate('document.querySelectorAll("main script, main img, main a[href^=\\"javascript:\\"], main [onerror]").length');

/** A GET with a raw, unnormalized path (a browser and fetch would resolve `../` first). */
function rawGet(origin: string, path: string, cookie: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ hostname, port, path, headers: { cookie }, timeout: 5_000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error(`GET ${path} timed out`)));
    request.on('error', reject);
    request.end();
  });
}

describe('the inbox pages against hostile input, in a real browser', () => {
  const browser = useBrowser();
  const local = useLocalInbox();

  it("renders a caller's markup as text on the list and the message page: no script runs, nothing is injected", async () => {
    // Prepare
    const transcript = `I have a cough ${SCRIPT} ${IMG} ${JS_URL} and a headache.`;
    const note = await storeMessage(local.demo, harold.patientId, transcript, { chiefComplaint: `cough ${IMG} ${JS_URL}` });
    const page = await browser.newPage();
    const dialogs = dialogsOf(page);
    // Act
    await page.goto(local.server.signInUrl(nurse.username));
    const listRow = await page.locator(`#message-list tr:has(a[href="/messages/${note.noteId}"])`).innerText();
    const listInjected = await injected(page);
    await page.goto(`${local.server.url}/messages/${note.noteId}`);
    // Assess
    expect(listRow).toContain(`cough ${IMG} ${JS_URL}`);
    expect(listInjected).toBe(0);
    const shown = (await page.locator('.transcript').textContent()) ?? '';
    expect(shown).toContain(SCRIPT);
    expect(shown).toContain(IMG);
    expect(shown).toContain(JS_URL);
    expect(await page.locator('.transcript mark.mark-symptom').allTextContents()).toEqual(['cough (symptom)', 'headache (symptom)']);
    expect(await injected(page)).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('renders markup typed into a review comment as text', async () => {
    // Prepare
    const note = await storeMessage(local.demo, harold.patientId, 'I have had a sore throat for two days.');
    const page = await signedInPage(browser, local, nurse.username, `/messages/${note.noteId}`);
    const dialogs = dialogsOf(page);
    // Act
    await tabToField(page, 'Comment (optional)');
    await page.keyboard.type(`${SCRIPT}${IMG}`);
    await tabTo(page, 'Mark reviewed');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${local.server.url}/messages/${note.noteId}?done=reviewed`);
    // Assess
    expect(await page.locator('section[aria-labelledby="actions-heading"]').innerText()).toContain(`Comment: ${SCRIPT}${IMG}`);
    expect(await injected(page)).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("serves only the message's own recording: never one the path or the query names, never by ../", async () => {
    // Prepare
    const page = await signedInPage(browser, local);
    const cookie = (await page.context().cookies(local.server.url)).map((entry) => `${entry.name}=${entry.value}`).join('; ');
    const urgent = demoNoteId(local, 'urgent');
    const filedCall = INBOX_DEMO_CALLS.find((call) => call.kind === 'filed');
    const urgentCall = INBOX_DEMO_CALLS.find((call) => call.kind === 'urgent');
    const filed = await local.demo.notes.get(demoNoteId(local, 'filed'));
    const otherContactId = filed?.contactId ?? filed?.note?.contactId ?? '';
    const get = (path: string) => page.request.get(`${local.server.url}${path}`, { maxRedirects: 0 });
    // Act
    const byQuery = await get(`/messages/${urgent}/audio?key=${otherContactId}&contactId=${otherContactId}`);
    const byContactId = await get(`/messages/${otherContactId}/audio`);
    const encoded = await Promise.all(
      [`/messages/..%2F${urgent}/audio`, `/messages/..%2F..%2Frecordings%2F${otherContactId}.wav/audio`, `/messages/%2E%2E/audio`, `/recordings/${otherContactId}.wav`].map(get),
    );
    const raw = await Promise.all([`/messages/../messages/${urgent}/../audio`, `/messages/${urgent}/../../recordings/${otherContactId}.wav`].map((path) => rawGet(local.server.url, path, cookie)));
    // Assess
    expect(byQuery.status()).toBe(200);
    expect(Buffer.from(await byQuery.body())).toEqual(Buffer.from(syntheticMessageWav(urgentCall?.message ?? '')));
    expect(Buffer.from(await byQuery.body())).not.toEqual(Buffer.from(syntheticMessageWav(filedCall?.message ?? '')));
    expect(byContactId.status()).toBe(404);
    expect(encoded.map((response) => response.status())).toEqual([404, 404, 404, 404]);
    expect(raw.map((response) => response.status)).toEqual([404, 404]);
    for (const response of [byContactId, ...encoded]) expect(response.headers()['content-type']).not.toBe('audio/wav');
  });

  it('shows a browser without a session only the sign-in page: 401, no patient data, no audio', async () => {
    // Prepare
    const page = await browser.newPage();
    const urgent = demoNoteId(local, 'urgent');
    const patients = Object.values(SCENARIOS).flatMap((patient) => [patient.family, patient.birthDate, patient.callerNumber]);
    const spoken = INBOX_DEMO_CALLS.flatMap((call) => call.message.split(/[.,] ?/).filter((part) => part.length > 12));
    // Act
    const pages = [];
    for (const path of ['/', `/messages/${urgent}`, '/?filter=urgent&partial=list']) {
      const response = await page.goto(`${local.server.url}${path}`);
      pages.push({ status: response?.status(), heading: await page.getByRole('heading', { level: 1 }).innerText(), html: await page.content() });
    }
    const audio = await page.request.get(`${local.server.url}/messages/${urgent}/audio`, { headers: { range: 'bytes=0-99' } });
    // Assess
    for (const shown of pages) {
      expect(shown.status).toBe(401);
      expect(shown.heading).toBe('Sign in');
      for (const phi of [...patients, ...spoken, eleanor.given]) expect(shown.html).not.toContain(phi);
    }
    expect(audio.status()).toBe(401);
    expect(audio.headers()['content-type']).not.toBe('audio/wav');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
