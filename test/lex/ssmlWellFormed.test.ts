/**
 * Chart text reaches the caller's ear through SSML, and Polly reads SSML only when it is an XML
 * document. Whatever a chart holds (control characters, lone surrogates, XML specials), every spoken
 * path must give SSML that a conforming XML 1.0 parser accepts. Property test: seeded, bounded by
 * count, so a failure names the seed and the case that reproduce it.
 */
import type { LexV2Result } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { describeMedication } from '../../fulfillment/dialog/medicationSpeech';
import { phrasesFor } from '../../fulfillment/dialog/phrases';
import { EN_US } from '../../prompts';
import { close, elicitIntent, type ResponseContext } from '../../fulfillment/lex/response';
import { digits, say, slowly, toPlainText, toSsml, type Speech } from '../../fulfillment/lex/speech';
import { mulberry32 } from '../support/lexFuzz';
import { xmlProblem } from '../support/xml';

/** The default locale's phrases (en_US). */
const PHRASES = phrasesFor(EN_US);

const SEED = 0x55a1;
const CASES = 300;

/** Random text drawn from the characters that break XML, mixed with ordinary ones. */
function randomText(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const kinds: readonly (() => string)[] = [
    () => pick(['a', 'Mary', ' ', '20 MG', 'Tablet', '.', ':']),
    () => String.fromCharCode(Math.floor(next() * 0x20)), // C0 controls, NUL included
    () => pick(['\u007f', '\u0085', '\u009b', '\ufffe', '\uffff', '\u2028']),
    () => String.fromCharCode(0xd800 + Math.floor(next() * 0x800)), // a lone surrogate
    () => pick(['&', '<', '>', '"', "'", '&amp;', ']]>', '<break/>']),
    () => String.fromCodePoint(0x10000 + Math.floor(next() * 0xfffff)), // a proper pair
    () => String.fromCharCode(Math.floor(next() * 0xffff)), // anything in the BMP
  ];
  return Array.from({ length: 1 + Math.floor(next() * 12) }, () => pick(kinds)()).join('');
}

const context: ResponseContext = {
  event: { sessionState: { intent: { name: 'VerifyIdentity', slots: {} } } } as never,
  attributes: {},
  speech: true,
};

function ssmlOf(response: LexV2Result): string[] {
  return (response.messages ?? []).map((message) => ('content' in message ? (message.content ?? '') : ''));
}

describe('SSML from chart text', () => {
  it('strips characters XML 1.0 forbids before escaping', () => {
    // Prepare
    const name = 'Eleanor\u0000\u0001\u001b\udfff\ud800';
    // Act
    const ssml = toSsml(PHRASES.greeting(name));
    // Assess
    expect(ssml).toBe('<speak>Thank you, Eleanor. You are verified. <break time="300ms"/></speak>');
  });

  it('keeps tabs, line ends, emoji and every other allowed character', () => {
    // Prepare / Act
    const ssml = toSsml([say('a\tb\nc 😀 é')]);
    // Assess
    expect(ssml).toBe('<speak>a b c 😀 é</speak>');
  });

  it('is a well-formed XML document on every spoken path, whatever the chart holds', () => {
    // Prepare
    const next = mulberry32(SEED);
    for (let index = 0; index < CASES; index += 1) {
      const [given, name, dose, instructions, words] = [randomText(next), randomText(next), randomText(next), randomText(next), randomText(next)];
      const medication = { name, doseText: dose, instructions, authoredOn: undefined };
      const fragments: Speech[] = [say(words), slowly(words), digits(words)];
      // Act
      const documents = [
        ...ssmlOf(close(context, 'Fulfilled', PHRASES.greeting(given))),
        ...ssmlOf(elicitIntent(context, [...PHRASES.medicationsCount(1), ...PHRASES.medicationItem(describeMedication(medication)), ...PHRASES.medicationsEnd()])),
        ...fragments.map((fragment) => toSsml([fragment])),
      ];
      const plain = toPlainText(fragments);
      // Assess
      for (const ssml of documents) {
        const problem = xmlProblem(ssml);
        if (problem) expect.fail(`seed ${SEED}, case ${index}: ${problem} in ${JSON.stringify(ssml)}`);
      }
      if (xmlProblem(`<speak>${plain.replace(/[&<>]/g, '')}</speak>`)) expect.fail(`seed ${SEED}, case ${index}: plain text ${JSON.stringify(plain)}`);
    }
  });
});
