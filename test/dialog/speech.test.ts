import type { LexV2Result } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { phrasesFor } from '../../fulfillment/dialog/phrases';
import { EN_US } from '../../prompts';
import { elicitIntent, MAX_MESSAGE_LENGTH } from '../../fulfillment/lex/response';
import { digits, escapeXml, pause, say, slowly, toPlainText, toSsml, type Speech } from '../../fulfillment/lex/speech';
import { mulberry32 } from '../support/lexFuzz';
import { spokenText, ssmlProblems } from '../support/lexResponseSchema';

/** The default locale's phrases (en_US). */
const PHRASES = phrasesFor(EN_US);

describe('speech rendering', () => {
  it('escapes every XML special character once, in SSML', () => {
    expect(toSsml([say('Tom & Jerry <"quoted"> it\'s')])).toBe('<speak>Tom &amp; Jerry &lt;&quot;quoted&quot;&gt; it&apos;s</speak>');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('renders pauses, slow speech and digits for voice', () => {
    expect(toSsml([say('Press'), digits('0'), pause(250), slowly('atorvastatin')])).toBe(
      '<speak>Press <say-as interpret-as="digits">0</say-as> <break time="250ms"/> <prosody rate="90%">atorvastatin</prosody></speak>',
    );
  });

  it('gives text channels plain sentences without markup', () => {
    expect(toPlainText([say('Press'), digits('0'), say('.'), pause(), say('Bye & thanks.')])).toBe('Press 0. Bye & thanks.');
  });
});

describe('message length', () => {
  it('splits an answer longer than Lex accepts into messages under 1,024 characters, at pauses', async () => {
    // Prepare: three medication sentences at the 240-character cap, as a full page can be.
    const { elicitIntent, MAX_MESSAGE_LENGTH } = await import('../../fulfillment/lex/response');
    const { phrasesFor } = await import('../../fulfillment/dialog/phrases');
    const PHRASES = phrasesFor(EN_US);
    const sentence = `atorvastatin 20 milligram oral tablet: ${'take one tablet by mouth nightly & with water '.repeat(5)}`.slice(0, 240);
    const parts = [...PHRASES.medicationsCount(12), ...[1, 2, 3].flatMap(() => PHRASES.medicationItem(sentence)), ...PHRASES.medicationsMore()];
    const context = { event: { sessionState: { intent: { name: 'GetMedications', slots: {} } } } as never, attributes: {}, speech: true };
    // Act
    const response = elicitIntent(context, parts);
    // Assess
    const messages = response.messages as { content: string }[];
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.content.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(message.content).toMatch(/^<speak>.*<\/speak>$/);
    }
    expect(messages.map((message) => message.content).join(' ').match(/atorvastatin/g)).toHaveLength(3);
  });
});

describe('message length after escaping', () => {
  const context = { event: { sessionState: { intent: { name: 'GetMedications', slots: {} } } } as never, attributes: {}, speech: true };
  const contents = (response: LexV2Result): string[] => (response.messages ?? []).map((message) => ('content' in message ? (message.content ?? '') : ''));
  const squeezed = (text: string): string => text.replace(/\s+/g, '');

  it("splits a fragment whose escaped SSML alone is over Lex's limit, and drops none of it", () => {
    // Prepare: a medication sentence of `'` and `&`: 240 characters that escape to about 1,400.
    const sentence = "'&".repeat(120);
    const parts = [...PHRASES.medicationsCount(3), ...[1, 2, 3].flatMap(() => PHRASES.medicationItem(sentence)), ...PHRASES.medicationsMore()];
    // Act
    const messages = contents(elicitIntent(context, parts));
    // Assess
    for (const message of messages) {
      expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      expect(ssmlProblems(message)).toEqual([]);
    }
    expect(squeezed(messages.map(spokenText).join(' '))).toBe(squeezed(toPlainText(parts)));
  });

  it('keeps every message of any answer within the limit and every word in order (seeded property)', () => {
    // Prepare
    const next = mulberry32(0x13_05);
    const alphabet = ["'", '&', '<', '"', 'a', 'medication', ' ', '.', 'é', '😀'];
    const word = () => Array.from({ length: 1 + Math.floor(next() * 600) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    const fragment = (): Speech => [say, slowly, digits][Math.floor(next() * 3)]!(word());
    for (let index = 0; index < 150; index += 1) {
      const parts = Array.from({ length: 1 + Math.floor(next() * 8) }, () => (next() < 0.3 ? pause() : fragment()));
      for (const speech of [true, false]) {
        // Act
        const messages = contents(elicitIntent({ ...context, speech }, parts));
        // Assess
        const where = `case ${index}, ${speech ? 'SSML' : 'plain text'}`;
        for (const message of messages) expect(message.length, where).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
        const heard = squeezed((speech ? messages.map(spokenText) : messages).join(' '));
        if (heard !== squeezed(toPlainText(parts))) expect.fail(`${where}: words dropped or reordered`);
      }
    }
  });
});
