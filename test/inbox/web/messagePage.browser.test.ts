/**
 * The message page in Debian's Chromium, over the demo messages: what a clinician reads and hears,
 * the follow-up actions done with the keyboard alone, and the audit trail they leave.
 */
import { describe, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { SANDBOX_CLINICIANS } from '../../../sandbox/data/clinicians';
import { SCENARIOS } from '../../../sandbox/data/scenarios';
import { waitForExpression } from '../../../sandbox/chromium';
import { seriousA11yViolations, tabTo, tabToField, tabUntil, useBrowser } from '../../support/browser';
import { auditOf, demoNoteId, signedInPage, useLocalInbox } from '../../support/inboxPages';

const { nurse, doctor } = SANDBOX_CLINICIANS;
const { augustin, eleanor, cornelius } = SCENARIOS;

/** Texts of the elements `selector` matches. */
const textsOf = (page: Page, selector: string) => page.locator(selector).allTextContents();

describe('the message page in a real browser', () => {
  const browser = useBrowser();
  const local = useLocalInbox();

  it('opens the urgent message from the list with the keyboard: patient, red flags, marked transcript and ICD-10-CM suggestions', async () => {
    // Prepare
    const page = await signedInPage(browser, local);
    const firstLink = (await page.locator('#message-list tbody tr').first().getByRole('link').innerText()).trim();
    // Act
    await tabTo(page, firstLink);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${local.server.url}/messages/${demoNoteId(local, 'urgent')}`);
    // Assess
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Message from ${augustin.given} ${augustin.family}`);
    expect(await page.getByRole('alert').innerText()).toBe('Urgent: the caller mentioned chest pain, trouble breathing.');
    const facts = Object.fromEntries((await page.locator('dl.facts dt').allInnerTexts()).map((term, index) => [term, index]));
    const values = await page.locator('dl.facts dd').allInnerTexts();
    expect(values[facts['Birth date'] as number]).toBe('May 22, 1944');
    expect(values[facts.MRN as number]).toMatch(/^\d+$/);
    expect(values[facts['Red flags'] as number]).toBe('chest pain, trouble breathing');
    expect(await textsOf(page, '.transcript mark.mark-symptom')).toEqual(['chest pain (symptom)', 'short of breath (symptom)']);
    expect(await textsOf(page, '.transcript mark.mark-duration')).toEqual(['since this morning (duration)']);
    expect(await page.locator('h3:text-is("Symptoms and findings") + ul').innerText()).toBe('chest pain, since this morning\nshort of breath');
    expect(await page.locator('#icd-heading + p').innerText()).toContain('not diagnoses');
    expect(await textsOf(page, 'section[aria-labelledby="icd-heading"] tbody tr td:first-child')).toEqual(['R07.9', 'R06.02']);
    expect(await page.locator('section[aria-labelledby="filing-heading"]').innerText()).toMatch(/Filed in Epic \(DocumentReference [\w-]+\)\./);
    expect(await textsOf(page, '.timeline li')).toContainEqual(expect.stringMatching(/^Filed in Epic: done, /));
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('marks denied findings as denied and medications with their RxNorm code', async () => {
    // Act
    const page = await signedInPage(browser, local, nurse.username, `/messages/${demoNoteId(local, 'filed')}`);
    // Assess
    expect(await textsOf(page, '.transcript mark.mark-denied')).toEqual(['fever (denied symptom)']);
    expect(await textsOf(page, '.transcript mark.mark-medication')).toEqual([expect.stringMatching(/^acetaminophen \(medication, RxNorm \d+\)$/)]);
    expect(await page.locator('h3:text-is("Denied by the caller") + ul').innerText()).toBe('fever');
    expect(await page.locator('h3:text-is("Symptoms and findings") + ul').innerText()).toMatch(/cough, for three days/);
    expect(await page.locator('h3:text-is("Medications mentioned") + ul').innerText()).toMatch(/^acetaminophen — RxNorm \d+ \(/);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("plays the caller's audio through the app: the audio element is answered 206 to its Range requests and knows the duration", async () => {
    // Prepare
    const page = await browser.newPage();
    const audio: Response[] = [];
    page.on('response', (response) => {
      if (response.url().endsWith('/audio')) audio.push(response);
    });
    await page.goto(local.server.signInUrl(nurse.username, `/messages/${demoNoteId(local, 'urgent')}`));
    // Act
    await waitForExpression(page, 'document.querySelector("audio").readyState >= 1 && document.querySelector("audio").duration > 0');
    const duration = (await page.evaluate('document.querySelector("audio").duration')) as number;
    // Assess
    expect(duration).toBeGreaterThan(1);
    expect(audio.length).toBeGreaterThan(0);
    for (const response of audio) {
      const headers = await response.allHeaders();
      expect(response.status()).toBe(206);
      expect(headers['content-range']).toMatch(/^bytes \d+-\d+\/\d+$/);
      expect(headers['accept-ranges']).toBe('bytes');
      expect(headers['content-type']).toBe('audio/wav');
      expect(headers['cache-control']).toBe('no-store');
      expect(response.request().headers()['range']).toMatch(/^bytes=\d+-\d*$/);
    }
    expect(new URL(audio[0]?.url() as string).origin).toBe(local.server.url);
  });

  it('plays the audio from the keyboard', async () => {
    // Prepare
    const page = await signedInPage(browser, local, nurse.username, `/messages/${demoNoteId(local, 'keptForStaff')}`);
    await waitForExpression(page, 'document.querySelector("audio").readyState >= 1');
    // Act: Tab reaches the audio element's own controls; Space plays.
    await tabUntil(page, 'document.activeElement?.tagName === "AUDIO"', 'the audio player');
    await page.keyboard.press('Space');
    await waitForExpression(page, 'document.querySelector("audio").currentTime > 0');
    // Assess
    expect(await page.evaluate('document.querySelector("audio").paused')).toBe(false);
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('AUDIO');
  });

  it('marks a message reviewed with a comment and called back, with the keyboard alone; it moves from Needs review to Reviewed, with who and when', async () => {
    // Prepare
    const noteId = demoNoteId(local, 'filed');
    const page = await signedInPage(browser, local, nurse.username, `/messages/${noteId}`);
    // Act: review with a comment.
    await tabToField(page, 'Comment (optional)');
    await page.keyboard.type('Spoke to the patient; fluids and rest.');
    await tabTo(page, 'Mark reviewed');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${local.server.url}/messages/${noteId}?done=reviewed`);
    const reviewedFlash = await page.getByRole('status').innerText();
    const reviewedViolations = await seriousA11yViolations(page);
    // Act: called back.
    await tabTo(page, 'Mark called back');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${local.server.url}/messages/${noteId}?done=calledBack`);
    const followUp = await page.locator('section[aria-labelledby="actions-heading"]').innerText();
    // Act: the lists.
    await page.goto(`${local.server.url}/?filter=needsReview`);
    const needsReview = await page.locator('#message-list').innerText();
    await page.goto(`${local.server.url}/?filter=reviewed`);
    const reviewed = await page.locator('#message-list').innerText();
    // Assess
    expect(reviewedFlash).toBe('Marked reviewed.');
    expect(reviewedViolations).toEqual([]);
    expect(followUp).toMatch(new RegExp(`Reviewed by ${nurse.name}, [A-Z][a-z]{2} \\d{1,2}, \\d{4}, \\d{1,2}:\\d{2} [AP]M C[SD]T\\.`));
    expect(followUp).toContain('Comment: Spoke to the patient; fluids and rest.');
    expect(followUp).toMatch(new RegExp(`Called back by ${nurse.name}, `));
    expect(followUp).not.toContain('Mark reviewed');
    expect(needsReview).not.toContain(eleanor.family);
    expect(needsReview).toContain(cornelius.family);
    expect(reviewed).toContain(eleanor.family);
    expect(reviewed).toContain(`reviewed by ${nurse.name}`);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("keeps the first review: a second clinician's page shows who reviewed it, with no form", async () => {
    // Prepare: reviewed in the test before.
    const noteId = demoNoteId(local, 'filed');
    // Act
    const page = await signedInPage(browser, local, doctor.username, `/messages/${noteId}`);
    // Assess
    expect(await page.locator('section[aria-labelledby="actions-heading"]').innerText()).toContain(`Reviewed by ${nurse.name}`);
    expect(await page.getByRole('button', { name: 'Mark reviewed' }).count()).toBe(0);
  });

  it('writes an audit event for every view, play and action, naming the clinician and the patient', async () => {
    // Prepare: what the tests above did as the nurse.
    const events = auditOf(local.demo, nurse.sub);
    // Assess
    expect(events).toContainEqual(['view', augustin.patientId, ['SymptomNote', 'Patient']]);
    expect(events).toContainEqual(['play', augustin.patientId, ['Recording']]);
    expect(events).toContainEqual(['play', cornelius.patientId, ['Recording']]);
    expect(events).toContainEqual(['view', cornelius.patientId, ['Encounter']]);
    expect(events).toContainEqual(['review', eleanor.patientId, ['SymptomNote']]);
    expect(events).toContainEqual(['callBack', eleanor.patientId, ['SymptomNote']]);
    expect(events.filter(([action, patient]) => action === 'view' && patient === eleanor.patientId).length).toBeGreaterThanOrEqual(3);
    // The doctor only opened the page: a view, and the plays of the audio element's metadata requests.
    expect(new Set(auditOf(local.demo, doctor.sub).map(([action, patient, types]) => `${action} ${patient} ${types.join(',')}`))).toEqual(
      new Set([`view ${eleanor.patientId} SymptomNote,Patient`, `play ${eleanor.patientId} Recording`]),
    );
  });
});
