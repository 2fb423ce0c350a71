import { describe, expect, it } from 'vitest';
import { digits, escapeXml, pause, say, slowly, toPlainText, toSsml } from '../../fulfillment/lex/speech';

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
    const { PHRASES } = await import('../../fulfillment/dialog/phrases');
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
