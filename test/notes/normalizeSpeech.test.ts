import { describe, expect, it } from 'vitest';
import { findRedFlags, normalizeSpeech } from '../../fulfillment/notes/redFlags';

/**
 * The rule as `normalizeSpeech`'s TSDoc states it, written as a chain over the characters: the
 * reference its ASCII table must agree with. Each original character becomes its folded characters,
 * and each folded character is kept or becomes a space that a run of them shares.
 */
function byTheRule(transcript: string): { text: string; origin: number[] } {
  const folded = [...Array(transcript.length).keys()].flatMap((index) =>
    [...(transcript[index] as string).toLowerCase().replace(/[’‘]/g, "'").normalize('NFD').replace(/[\u0300-\u036f]/g, '')].map((char) => ({ index, kept: /[a-z' ]/.test(char) ? char : undefined })),
  );
  const read = folded.filter((item, position) => item.kept !== undefined || folded[position - 1]?.kept !== undefined || position === 0);
  return {
    text: read.map((item) => item.kept ?? ' ').join(''),
    origin: [...read.map((item) => item.index), transcript.length],
  };
}

describe('normalizeSpeech', () => {
  it.each([
    'Chest-pain!',
    "I CAN'T breathe, since 3:15 p.m.\n\tHelp.",
    'Me duele el CORAZÓN, tengo daño… ¿qué hago?',
    'I don’t ‘know’ — 100% sure',
    'Ñandú, ÅNGSTRÖM, İstanbul',
    'emoji 😀 in the middle, then "quotes" and (brackets)',
    '',
    '   ',
  ])('reads %j as the character rule does, with the same offsets', (transcript) => {
    expect(normalizeSpeech(transcript)).toEqual(byTheRule(transcript));
  });

  it('agrees with the character rule on every ASCII character and a spread of others', () => {
    // Prepare: each printable and control ASCII character, and Latin letters with accents, between letters.
    const characters = [...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)), ...'áéíóúüñÁÉÍÓÚÜÑçÇàèìòù’‘«»¿¡'];
    const transcript = characters.map((char) => `a${char}b`).join('');

    // Act, Assess
    expect(normalizeSpeech(transcript)).toEqual(byTheRule(transcript));
  });

  it('finds a red flag said twice, in capitals and with punctuation, at both places', () => {
    // Prepare
    const transcript = "CHEST PAIN. I said: chest-pain!";

    // Act
    const found = findRedFlags(transcript).filter((match) => match.rule.id === 'chest-pain');

    // Assess
    expect(found.map((match) => transcript.slice(match.begin, match.end).toLowerCase())).toEqual(['chest pain', 'chest-pain']);
  });
});
