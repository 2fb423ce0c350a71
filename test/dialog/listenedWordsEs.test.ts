import { describe, expect, it } from 'vitest';
import { isClearNo, saysEmergency, soundsLikeEmergency } from '../../fulfillment/dialog/emergency';
import { readGender } from '../../fulfillment/dialog/gender';
import { foldSpeech, wordsFor } from '../../fulfillment/dialog/listenedWords';
import type { KeptItem } from '../../fulfillment/dialog/medicationPager';
import { chooseMedication } from '../../fulfillment/dialog/refillChoice';
import { answerIsNo, answerIsYes, isClearYes } from '../../fulfillment/dialog/yesNo';

/** Kept names as an es_US list keeps them: drug names as in the chart, units and forms in Spanish. */
const ITEMS_ES: KeptItem[] = [
  { i: 'rx-1', n: 'albuterol 90 microgramos por inhalación, inhalador' },
  { i: 'rx-2', n: 'atorvastatin 20 miligramos, tableta oral' },
  { i: 'rx-3', n: 'lisinopril 10 miligramos, tableta oral' },
];

describe('Spanish yes answers', () => {
  it.each(['sí', 'si', 'Sí, por favor', 'claro', 'claro que sí', 'por favor', 'está bien', 'esta bien', 'de acuerdo', 'correcto', 'mándelo', 'envíelo', '¡Sí!'])(
    'hears "%s" as a clear yes',
    (said) => {
      expect(isClearYes(said, 'es_US')).toBe(true);
      expect(answerIsYes(said, 'es_US')).toBe(true);
    },
  );

  it.each(['sí, pero espere', 'sí… no, mejor no', 'todavía no', 'espere', 'sí, pero quiero un agente', 'tal vez', 'sin', 'sino', ''])('does not hear "%s" as a clear yes', (said) => {
    expect(isClearYes(said, 'es_US')).toBe(false);
  });

  it('takes the announced yes key in any locale', () => {
    expect(answerIsYes('1', 'es_US')).toBe(true);
  });

  it('keeps the English words in en_US: "sí" is not an English yes, "yes" not a Spanish one', () => {
    expect(isClearYes('sí', 'en_US')).toBe(false);
    expect(isClearYes('yes please')).toBe(true);
    expect(isClearYes('yes', 'es_US')).toBe(false);
  });
});

describe('Spanish no answers', () => {
  it.each(['no', 'No.', 'no gracias', 'No, gracias', 'ahorita no', 'ahora no', 'para nada', 'no, estoy bien'])('hears "%s" as a clear no', (said) => {
    expect(isClearNo(said, 'es_US')).toBe(true);
    expect(answerIsNo(said, 'es_US')).toBe(true);
  });

  it.each(['no sé', 'no, pero a veces me duele', 'sí', 'no, todavía me duele', 'no, quiero un agente', 'no, pero es una emergencia', 'no puedo respirar', ''])(
    'does not hear "%s" as a clear no',
    (said) => {
      expect(isClearNo(said, 'es_US')).toBe(false);
    },
  );

  it('takes the announced no key in any locale', () => {
    expect(answerIsNo('2', 'es_US')).toBe(true);
  });
});

describe('Spanish gender answers', () => {
  it.each([
    ['femenino', 'female'],
    ['Mujer', 'female'],
    ['masculino', 'male'],
    ['hombre', 'male'],
    ['varón', 'male'],
    ['varon', 'male'],
    ['otro', 'other'],
    ['otra', 'other'],
    ['no binario', 'other'],
    ['no sé', 'unknown'],
    ['2', 'male'],
    ['dos', 'male'],
  ])('reads "%s" as %s', (said, expected) => {
    expect(readGender(undefined, said, 'es_US')).toBe(expected);
  });

  it('takes the value Lex resolved, which is the slot type\'s English value in every locale', () => {
    expect(readGender('female', 'mujer', 'es_US')).toBe('female');
  });

  it.each(['una mujer alta', 'constructor', 'banana'])('reads "%s" as no answer', (said) => {
    expect(readGender(undefined, said, 'es_US')).toBeUndefined();
  });
});

describe('Spanish refill choices', () => {
  const heard = { start: 0, count: 3 };

  it.each([
    ['la primera', 0],
    ['el segundo', 1],
    ['la segunda, por favor', 1],
    ['número dos', 1],
    ['numero 3', 2],
    ['la última', 2],
    ['tres', 2],
  ])('reads the position in "%s"', (said, index) => {
    expect(chooseMedication(said, ITEMS_ES, { heard, locale: 'es_US' })).toEqual({ kind: 'index', index });
  });

  it('matches a drug name as in the chart, whatever the Spanish around it', () => {
    expect(chooseMedication('quiero un resurtido de atorvastatin', ITEMS_ES, { locale: 'es_US' })).toEqual({ kind: 'index', index: 1 });
    expect(chooseMedication('necesito mi lisinopril, por favor', ITEMS_ES, { locale: 'es_US' })).toEqual({ kind: 'index', index: 2 });
  });

  it('does not take a dose form for a name ("la tableta" names no one medication)', () => {
    expect(chooseMedication('la tableta oral', ITEMS_ES, { locale: 'es_US' })).toEqual({ kind: 'none' });
  });

  it('hears a medication not on the list as one, never a guess', () => {
    expect(chooseMedication('quiero un resurtido de warfarina', ITEMS_ES, { locale: 'es_US' })).toEqual({ kind: 'unknownName' });
  });
});

describe('Spanish emergencies (issue 18 item 6)', () => {
  it.each(['dolor de pecho', 'no puedo respirar', 'me estoy desmayando', 'sangrado', 'quiero hacerme daño'])('hears a red flag in "%s"', (said) => {
    expect(soundsLikeEmergency(said)).toBe(true);
  });

  it.each(['emergencia', 'Es una emergencia', '¡emergencia!'])('hears "%s" as an emergency in so many words', (said) => {
    expect(saysEmergency(said, 'es_US')).toBe(true);
  });

  it.each(['no es una emergencia', 'no es emergencia, quiero mis citas', 'mis medicamentos'])('does not hear "%s" as an emergency', (said) => {
    expect(saysEmergency(said, 'es_US')).toBe(false);
  });

  it('hears the English word too, and its plain denial', () => {
    expect(saysEmergency("it's an emergency")).toBe(true);
    expect(saysEmergency("it's not an emergency")).toBe(false);
  });
});

describe('words for the English-instructions choice', () => {
  it.each(['inglés', 'en inglés', 'En inglés, por favor', 'ingles'])('hears "%s" as English', (said) => {
    expect(wordsFor('es_US').english.test(foldSpeech(said))).toBe(true);
  });
});
