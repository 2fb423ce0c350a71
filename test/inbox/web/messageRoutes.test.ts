/**
 * The message routes over HTTP (`app.request`, signed in through a real local issuer): the page, the
 * caller's audio by byte range, and each action's redirect or refusal, with a service double that
 * answers what each test sets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FilingFailedError,
  FilingInProgressError,
  InvalidReviewCommentError,
  MessageNotFoundError,
  NotKeptForStaffError,
  UnknownEncounterError,
} from '../../../fulfillment/inbox/errors';
import type { AudioPart, ByteRange, Clinician, EncounterChoice, InboxMessage, Review, Stamp } from '../../../fulfillment/inbox/ports';
import { parseRange } from '../../../fulfillment/inbox/web/messageRoutes';
import { UnsatisfiableRangeError } from '../../../fulfillment/recording';
import { SANDBOX_CLINICIANS } from '../../../sandbox/data/clinicians';
import { SCENARIOS } from '../../../sandbox/data/scenarios';
import { refillNote } from '../../../fulfillment/refills';
import { messageOf, shortWav } from '../../support/inboxFixtures';
import { startHttpInbox } from '../../support/inboxHttp';
import { InboxServiceDouble } from '../../support/inboxServiceDouble';
import { useStarted } from '../../support/lifecycle';

const { nurse } = SANDBOX_CLINICIANS;
const { eleanor } = SCENARIOS;

/** The hidden CSRF field's value on a page. */
const csrfOf = (page: string): string => /name="csrf" value="([^"]+)"/.exec(page)?.[1] as string;

/** A service double with one message, its recording, and the failure each action should meet. */
class MessageServiceDouble extends InboxServiceDouble {
  public readonly messages = new Map<string, InboxMessage>();
  public wav: Uint8Array = shortWav();
  /** What the next action throws instead of succeeding; cleared after each test. */
  public actionError: Error | undefined;
  public readonly encounterChoices: EncounterChoice[] = [{ id: 'enc-1', label: 'Telephone encounter, Dec 4, 2026' }];

  public override async message(viewer: Clinician, noteId: string): Promise<InboxMessage | undefined> {
    this.calls.push(`message ${viewer.id}`);
    return this.messages.get(noteId);
  }

  public override async audio(viewer: Clinician, noteId: string, range?: ByteRange): Promise<AudioPart | undefined> {
    this.calls.push(`audio ${viewer.id}`);
    if (!this.messages.has(noteId)) return undefined;
    const total = this.wav.length;
    const start = range?.start ?? 0;
    if (start >= total) throw new UnsatisfiableRangeError(total);
    const end = Math.min(range?.end ?? total - 1, total - 1);
    return { contentType: 'audio/wav', totalBytes: total, start, end, body: this.wav.subarray(start, end + 1) };
  }

  public override async markReviewed(viewer: Clinician, noteId: string, comment?: string): Promise<Review> {
    if (this.actionError) throw this.actionError;
    return super.markReviewed(viewer, noteId, comment);
  }

  public override async markCalledBack(viewer: Clinician, noteId: string): Promise<Stamp> {
    if (this.actionError) throw this.actionError;
    return super.markCalledBack(viewer, noteId);
  }

  public override async encounters(viewer: Clinician): Promise<readonly EncounterChoice[]> {
    this.calls.push(`encounters ${viewer.id}`);
    return this.encounterChoices;
  }

  public override async fileKept(viewer: Clinician, noteId: string): Promise<{ readonly documentReferenceId: string }> {
    this.calls.push(`fileKept ${viewer.id} ${noteId}`);
    if (this.actionError) throw this.actionError;
    return { documentReferenceId: 'doc-1' };
  }
}

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100 }],
    [' bytes=5-5 ', { start: 5, end: 5 }],
  ])('reads %j as one range', (header, range) => {
    expect(parseRange(header)).toEqual(range);
  });

  it.each([[undefined], [''], ['bytes=-500'], ['bytes=0-1,4-5'], ['bytes=9-3'], ['items=0-1'], ['bytes=a-b'], ['bytes=1234567890123-']])(
    'ignores %j: the whole recording is sent',
    (header) => {
      expect(parseRange(header)).toBeUndefined();
    },
  );
});

describe('the message routes', () => {
  const service = new MessageServiceDouble();
  const inbox = useStarted(() => startHttpInbox({ service }), (started) => {
    started.service.calls.length = 0;
    service.actionError = undefined;
  });
  let message: InboxMessage;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    const note = await messageOf(eleanor.patientId, 'I have had a dry cough for three days.');
    message = {
      noteId: note.noteId,
      receivedAt: note.createdAt,
      note,
      patient: { id: eleanor.patientId, name: 'Eleanor Whitfield', birthDate: eleanor.birthDate, mrn: 'E-20391' },
      filing: { state: 'keptForStaff', reason: 'Epic needs an encounter to file it under.' },
      timeline: [],
      hasAudio: true,
    };
    service.messages.set(message.noteId, message);
    ({ cookie } = await inbox.signIn(nurse.username));
    csrf = csrfOf(await (await inbox.request('/', { cookie })).text());
  });

  const audio = (range?: string, noteId = message.noteId) => inbox.request(`/messages/${noteId}/audio`, { cookie, ...(range ? { headers: { range } } : {}) });
  const post = (action: string, form: Record<string, string> = {}, noteId = message.noteId) => inbox.request(`/messages/${noteId}/${action}`, { cookie, form: { csrf, ...form } });

  it('shows a refill request as such: the medication and its order, no recording or transcript', async () => {
    // Prepare
    const note = refillNote(
      { noteId: 'refill-0123456789abcdef0123456789abcdef01234567', contactId: 'c-1', patientId: eleanor.patientId, medicationRequestId: 'medrx-eleanor-whitfield-1', medication: 'atorvastatin 20 milligram oral tablet' },
      '2026-12-04T15:20:00.000Z',
    );
    service.messages.set(note.noteId, { ...message, noteId: note.noteId, receivedAt: note.createdAt, note, hasAudio: false });
    // Act
    const response = await inbox.request(`/messages/${note.noteId}`, { cookie });
    // Assess
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('Refill request from Eleanor Whitfield');
    expect(page).toContain('<dt>Medication</dt><dd>atorvastatin 20 milligram oral tablet</dd>');
    expect(page).toContain('medrx-eleanor-whitfield-1');
    expect(page).not.toContain('Transcript');
    expect(page).not.toContain('<audio');
  });

  describe('audio', () => {
    it('answers a range with 206 and the bytes asked for, with Content-Range, Accept-Ranges and Content-Length', async () => {
      // Act
      const response = await audio('bytes=0-99');
      // Assess
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes 0-99/${service.wav.length}`);
      expect(response.headers.get('accept-ranges')).toBe('bytes');
      expect(response.headers.get('content-length')).toBe('100');
      expect(response.headers.get('content-type')).toBe('audio/wav');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(service.wav.subarray(0, 100));
    });

    it('answers an open range with the rest of the recording', async () => {
      // Act
      const response = await audio('bytes=1000-');
      // Assess
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes 1000-${service.wav.length - 1}/${service.wav.length}`);
      expect(response.headers.get('content-length')).toBe(String(service.wav.length - 1000));
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(service.wav.subarray(1000));
    });

    it('sends the whole recording with 200 without a Range, or with one it does not serve (several ranges)', async () => {
      // Act
      const plain = await audio();
      const several = await audio('bytes=0-1,4-5');
      // Assess
      for (const response of [plain, several]) {
        expect(response.status).toBe(200);
        expect(response.headers.get('accept-ranges')).toBe('bytes');
        expect(response.headers.get('content-length')).toBe(String(service.wav.length));
        expect(response.headers.get('content-range')).toBeNull();
        expect((await response.arrayBuffer()).byteLength).toBe(service.wav.length);
      }
    });

    it('answers a range past the end with 416 and Content-Range bytes */N', async () => {
      // Act
      const response = await audio(`bytes=${service.wav.length}-`);
      // Assess
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe(`bytes */${service.wav.length}`);
    });

    it('answers 404 for an unknown message, and for a malformed id without asking the service', async () => {
      // Act
      const unknown = await audio(undefined, 'no-such-note');
      inbox.service.calls.length = 0;
      const malformed = await Promise.all(['..%2F..%2Fetc%2Fpasswd', 'a%20b', 'x'.repeat(65)].map((id) => audio(undefined, id)));
      // Assess
      expect(unknown.status).toBe(404);
      expect(malformed.map((response) => response.status)).toEqual([404, 404, 404]);
      expect(inbox.service.calls).toEqual([]);
    });
  });

  describe('the page', () => {
    it('shows the message, and what the last action did once, from ?done=', async () => {
      // Act
      const page = await inbox.request(`/messages/${message.noteId}?done=reviewed`, { cookie });
      const unknownDone = await (await inbox.request(`/messages/${message.noteId}?done=%3Cb%3Ehi`, { cookie })).text();
      // Assess
      const text = await page.text();
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(text).toContain('<h1>Message from Eleanor Whitfield</h1>');
      expect(text).toContain('E-20391');
      expect(text).toContain('<p class="notice" role="status">Marked reviewed.</p>');
      expect(text).toContain('<option value="enc-1">Telephone encounter, Dec 4, 2026</option>');
      expect(unknownDone).not.toContain('class="notice"');
      expect(unknownDone).not.toContain('<b>hi');
    });

    it('answers 404 for an unknown message, and for a malformed id without asking the service', async () => {
      // Act
      const unknown = await inbox.request('/messages/no-such-note', { cookie });
      inbox.service.calls.length = 0;
      const malformed = await inbox.request('/messages/a%3Cb', { cookie });
      // Assess
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toContain('<h1>Page not found</h1>');
      expect(malformed.status).toBe(404);
      expect(inbox.service.calls).toEqual([]);
    });
  });

  describe('the actions', () => {
    it.each([
      ['review', { comment: 'Called pharmacy.' }, 'reviewed'],
      ['called-back', {}, 'calledBack'],
      ['file', { encounterId: 'enc-1' }, 'filed'],
    ])('answers %s with a 303 back to the page, saying what was done', async (action, form, done) => {
      // Act
      const response = await post(action, form);
      // Assess
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(`/messages/${message.noteId}?done=${done}`);
    });

    it.each([
      ['review', new InvalidReviewCommentError('too long'), 400, 'The comment is too long. Nothing was saved.'],
      ['review', new MessageNotFoundError('gone'), 404, 'Page not found'],
      ['called-back', new MessageNotFoundError('gone'), 404, 'Page not found'],
      ['file', new UnknownEncounterError('n', 'enc-9'), 400, 'That encounter is not one of this patient’s recent encounters. Nothing was filed.'],
      ['file', new NotKeptForStaffError('n'), 409, 'This message is not waiting to be filed: it may have been filed already.'],
      ['file', new FilingInProgressError('n'), 409, 'This message is being filed right now. Reload the message in a moment.'],
      ['file', new FilingFailedError('n', 'FhirError'), 502, 'Epic did not accept the message just now. It is still waiting to be filed; try again later.'],
    ])('answers %s failing with %s with %i and a page that says so', async (action, error, status, says) => {
      // Prepare
      service.actionError = error;
      // Act
      const response = await post(action, { encounterId: 'enc-1' });
      // Assess
      const text = await response.text();
      expect(response.status).toBe(status);
      expect(text).toContain(says);
      expect(response.headers.get('cache-control')).toBe('no-store');
    });

    it('answers 400 to a filing without an encounter, without asking the service', async () => {
      // Act
      const response = await post('file');
      // Assess
      expect(response.status).toBe(400);
      expect(inbox.service.calls.filter((call) => call.startsWith('fileKept'))).toEqual([]);
    });

    it('answers an unexpected failure with 500 and no detail', async () => {
      // Prepare
      service.actionError = new Error('table unreachable');
      // Act
      const response = await post('called-back');
      // Assess
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(text).toContain('Something went wrong');
      expect(text).not.toContain('table unreachable');
    });

    it('refuses a POST without the CSRF token, or with a wrong one, with 403, and nothing is done', async () => {
      // Act
      const missing = await inbox.request(`/messages/${message.noteId}/file`, { cookie, form: { encounterId: 'enc-1' } });
      const wrong = await post('review', { csrf: 'not-the-token' });
      // Assess
      expect([missing.status, wrong.status]).toEqual([403, 403]);
      expect(inbox.service.calls.filter((call) => !call.startsWith('list'))).toEqual([]);
    });

    it('answers 404 to an action on a malformed id', async () => {
      // Act
      const response = await post('review', {}, 'a%20b');
      // Assess
      expect(response.status).toBe(404);
      expect(inbox.service.calls).toEqual([]);
    });
  });
});
