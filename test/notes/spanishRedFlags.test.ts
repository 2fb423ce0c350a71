import { describe, expect, it } from 'vitest';
import { RED_FLAG_RULES_VERSION } from '../../fulfillment/notes/redFlagRules';
import { judgeRedFlags } from '../../fulfillment/notes/triage';

/**
 * The Spanish red-flag vocabulary (issue 18 item 6): what a caller says in Spanish is judged by the
 * same rules, so the bots' emergency detection, the live triage and the notes hear it too.
 */
describe('the red-flag rules in Spanish', () => {
  it.each([
    ['dolor de pecho', 'Tengo dolor de pecho', 'chest-pain'],
    ['no puedo respirar', 'No puedo respirar', 'breathing'],
    ['me falta el aire', 'Desde anoche me falta el aire', 'breathing'],
    ['me estoy desmayando', 'Me estoy desmayando', 'unresponsive'],
    ['sangrado', 'Tengo un sangrado muy fuerte', 'severe-bleeding'],
    ['estoy sangrando mucho', 'Estoy sangrando mucho de la herida', 'severe-bleeding'],
    ['quiero hacerme daño', 'Quiero hacerme daño', 'suicidal'],
    ['quitarme la vida', 'He pensado en quitarme la vida', 'suicidal'],
    ['ataque al corazón', 'Creo que es un ataque al corazón', 'heart-attack'],
    ['derrame cerebral', 'Mi mamá tiene la cara caída, creo que es un derrame cerebral', 'stroke'],
    ['convulsión', 'Mi hijo tuvo una convulsión', 'seizure'],
    ['sobredosis', 'Tomé una sobredosis de pastillas', 'overdose'],
  ])('finds "%s" said plainly, urgent ("%s")', (_phrase, said, flag) => {
    // Act
    const verdict = judgeRedFlags(said);
    // Assess
    expect(verdict).toMatchObject({ decision: 'urgent', flag, rulesVersion: RED_FLAG_RULES_VERSION });
  });

  it('reads accents or none alike (a transcript may drop them)', () => {
    // Act
    const verdicts = ['Quiero hacerme daño', 'quiero hacerme dano', 'ATAQUE AL CORAZÓN', 'ataque al corazon'].map((said) => judgeRedFlags(said).decision);
    // Assess
    expect(verdicts).toEqual(['urgent', 'urgent', 'urgent', 'urgent']);
  });

  it.each([
    'No tengo dolor de pecho, solo necesito una receta.',
    'Sin dolor de pecho, pero con tos.',
    'Nunca he tenido dolor de pecho.',
    'Ya no tengo dolor de pecho.',
    'No tengo fiebre ni dolor de pecho.',
    'El dolor de pecho ya se me quitó.',
  ])('judges a clear Spanish denial routine: "%s"', (said) => {
    // Act
    const verdict = judgeRedFlags(said);
    // Assess
    expect(verdict.decision).toBe('routine');
    expect(verdict.mentions.map((mention) => mention.status)).toEqual(['negated']);
  });

  it.each([
    ['a mixed sentence', 'No tengo fiebre pero tengo dolor de pecho.'],
    ['a double denial', 'No puedo decir que no tengo dolor de pecho.'],
    ['a denial that did not go away', 'El dolor de pecho no se me quitó.'],
    ['a denial in another clause', 'No tengo fiebre, tengo dolor de pecho.'],
  ])('stays urgent for %s: "%s"', (_case, said) => {
    // Act
    const verdict = judgeRedFlags(said);
    // Assess
    expect(verdict).toMatchObject({ decision: 'urgent', flag: 'chest-pain' });
  });

  it('judges long past and not back as past, and back again as urgent', () => {
    // Act
    const past = judgeRedFlags('Tuve un ataque al corazón hace dos años.');
    const back = judgeRedFlags('Tuve un ataque al corazón hace dos años y ahora tengo dolor de pecho otra vez.');
    // Assess
    expect(past.decision).toBe('routine');
    expect(past.mentions.map((mention) => mention.status)).toEqual(['past']);
    expect(back.decision).toBe('urgent');
  });

  it('hears nothing in an ordinary Spanish message', () => {
    // Act
    const verdict = judgeRedFlags('Tengo fiebre y tos desde ayer, y necesito una cita.');
    // Assess
    expect(verdict).toMatchObject({ decision: 'routine', mentions: [] });
  });
});
