import { describe, expect, it } from 'vitest';
import { findRedFlags, normalizeSpeech } from '../../fulfillment/notes/redFlags';

/** The rule character by character, as written in `normalizeSpeech`'s TSDoc: the reference for its fast path. */
function byTheRule(transcript: string): { text: string; origin: number[] } {
  let text = '';
  const origin: number[] = [];
  let inRun = false;
  for (let index = 0; index < transcript.length; index += 1) {
    const folded = (transcript[index] as string).toLowerCase().replace(/[’‘]/g, "'").normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    for (const char of folded) {
      if (/[a-z' ]/.test(char)) {
        text += char;
        origin.push(index);
        inRun = false;
      } else if (!inRun) {
        text += ' ';
        origin.push(index);
        inRun = true;
      }
    }
  }
  origin.push(transcript.length);
  return { text, origin };
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
