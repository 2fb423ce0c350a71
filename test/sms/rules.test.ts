import { describe, expect, it } from 'vitest';
import type { E164 } from '../../fulfillment/epic';
import { lastFour, PrintingTextSender, SmsOptedOutError, textBody, textDestination } from '../../fulfillment/sms';

describe('who a text may go to', () => {
  it.each([
    ['+16085550142', '+16085550142'],
    ['(608) 555-0142', '+16085550142'],
    ['+17875550123', '+17875550123'],
  ])('texts the calling number %s, a personal US number', (calling, expected) => {
    expect(textDestination(calling, 'US')).toEqual({ ok: true, to: expected });
  });

  it.each([undefined, '', 'anonymous', 'Restricted', '12345'])('never texts a withheld or missing number (%s)', (calling) => {
    expect(textDestination(calling, 'US')).toEqual({ ok: false, reason: 'withheld' });
  });

  it.each([
    ['+442071234567', 'a UK number'],
    ['+14165550123', 'a Canadian number (+1, but not the US)'],
    ['+19005550123', 'a premium-rate number'],
    ['+18005550199', 'a toll-free number'],
  ])('never texts %s (%s)', (calling) => {
    expect(textDestination(calling, 'US')).toEqual({ ok: false, reason: 'notUs' });
  });

  it('says and prints only the last four digits of a number', () => {
    expect(lastFour('+16085550142' as E164)).toBe('0142');
  });
});

describe('what a text says', () => {
  const clinic = { timeZone: 'America/Chicago', streetAddress: '1200 Lakeshore Drive, Madison, WI', name: 'Sandbox Family Clinic' };

  it('gives an appointment as date, time in the clinic time zone and the street address, then the opt-out words', () => {
    // Act
    const body = textBody({ kind: 'appointment', startsAt: '2026-12-10T15:30:00Z' }, clinic, 'en_US');
    // Assess
    expect(body).toBe('Sandbox Family Clinic: your appointment is on Thursday, December 10, 2026 at 9:30 AM CST, at 1200 Lakeshore Drive, Madison, WI. Reply STOP to opt out.');
  });

  it('says daylight time in summer, and the appointment day in the clinic, not in UTC', () => {
    // Act: 03:00 UTC on July 2 is still July 1 in Chicago.
    const body = textBody({ kind: 'appointment', startsAt: '2026-07-02T03:00:00Z' }, clinic, 'en_US');
    // Assess
    expect(body).toContain('Wednesday, July 1, 2026 at 10:00 PM CDT');
  });

  it("uses the appointment's own address line over the clinic's, on one line", () => {
    // Act
    const body = textBody({ kind: 'appointment', startsAt: '2026-12-10T15:30:00Z', addressLine: '  55 Elm Street\n Suite 2 ' }, clinic, 'en_US');
    // Assess
    expect(body).toContain(', at 55 Elm Street Suite 2. Reply STOP');
  });

  it('leaves the address out when neither the appointment nor the clinic has one, and names a default sender', () => {
    // Act
    const body = textBody({ kind: 'appointment', startsAt: '2026-12-10T15:30:00Z' }, { timeZone: 'America/New_York' }, 'en_US');
    // Assess
    expect(body).toBe('Your clinic: your appointment is on Thursday, December 10, 2026 at 10:30 AM EST. Reply STOP to opt out.');
  });

  it('says only that a request was received', () => {
    expect(textBody({ kind: 'requestReceived' }, clinic, 'en_US')).toBe('Sandbox Family Clinic: your request was received. Reply STOP to opt out.');
  });

  it('refuses an appointment without a readable start', () => {
    expect(() => textBody({ kind: 'appointment', startsAt: 'soon' }, clinic, 'en_US')).toThrow(RangeError);
  });
});

describe('PrintingTextSender (local mode)', () => {
  it('prints the text with the number masked to its last four digits, and keeps it', async () => {
    // Prepare
    const lines: string[] = [];
    const texts = new PrintingTextSender({ print: (line) => lines.push(line) });
    // Act
    const sent = await texts.send({ to: '+16085550142' as E164, body: 'Your clinic: your request was received.' });
    // Assess
    expect(sent.messageId).toMatch(/^local-text-\d+$/);
    expect(lines).toEqual(['[text to the number ending 0142] Your clinic: your request was received.']);
    expect(lines.join('')).not.toContain('608555');
    expect(texts.sent).toEqual([{ toLastFour: '0142', body: 'Your clinic: your request was received.' }]);
  });

  it('fails the next send once when told to, as an opted-out number would', async () => {
    // Prepare
    const texts = new PrintingTextSender();
    texts.failNext(new SmsOptedOutError('SendTextMessage failed (ConflictException)', 'ConflictException', 'DESTINATION_PHONE_NUMBER_OPTED_OUT'));
    // Act
    const first = await texts.send({ to: '+16085550142' as E164, body: 'x' }).catch((error: unknown) => error);
    const second = await texts.send({ to: '+16085550142' as E164, body: 'y' });
    // Assess
    expect(first).toBeInstanceOf(SmsOptedOutError);
    expect(second.messageId).toBeDefined();
    expect(texts.sent.map((text) => text.body)).toEqual(['y']);
  });
});
