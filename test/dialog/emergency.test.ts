import { describe, expect, it } from 'vitest';
import { emergencyMention, isClearNo, soundsLikeEmergency } from '../../fulfillment/dialog/emergency';
import { RED_FLAG_RULES } from '../../fulfillment/notes';
import { CATALOGS } from '../../prompts';
import { LOCALE_ID, RED_FLAG_IDS } from '../../contract';

describe('emergency mentions', () => {
  it.each([
    ["I've got chest pain", 'chest-pain'],
    ['I CAN’T BREATHE', 'breathing'],
    ['i have been thinking about suicide', 'suicidal'],
    ['he is not breathing', 'breathing'],
    ['I want to kill myself', 'suicidal'],
    ['shortness of breath since morning', 'breathing'],
  ])('hears an emergency in "%s"', (said, flag) => {
    expect(emergencyMention(said)).toEqual({ kind: 'affirmed', flag });
    expect(soundsLikeEmergency(said)).toBe(true);
  });

  it.each(['what are my medications', 'my chest x-ray results', 'I breathe fine', '', undefined])('hears none in "%s"', (said) => {
    expect(emergencyMention(said)).toEqual({ kind: 'none' });
    expect(soundsLikeEmergency(said)).toBe(false);
  });

  it.each([
    ['I do not have chest pain, I just want my medications', 'chest-pain'],
    ["I don't have any chest pain", 'chest-pain'],
    ['no chest pain, just a refill', 'chest-pain'],
    ['my chest pain went away yesterday', 'chest-pain'],
    ['I have neither chest pain nor shortness of breath', 'chest-pain'],
    ['No, no, I never had a seizure', 'seizure'],
  ])('hears a denied emergency in "%s"', (said, flag) => {
    expect(emergencyMention(said)).toEqual({ kind: 'negated', flag });
    expect(soundsLikeEmergency(said)).toBe(false);
  });

  it.each([
    ["I don't not have chest pain", 'chest-pain'],
    ["I never said I don't have chest pain", 'chest-pain'],
    ["it's not that I don't have chest pain", 'chest-pain'],
  ])('takes a double denial in "%s" as an emergency', (said, flag) => {
    expect(emergencyMention(said)).toEqual({ kind: 'affirmed', flag });
  });

  it.each([
    ["I don't have chest pain but I can't breathe", 'breathing'],
    ['no chest pain, I have shortness of breath', 'breathing'],
    ['the chest pain went away but now I feel like I want to die', 'suicidal'],
    ["I didn't have chest pain yesterday. I have chest pain now", 'chest-pain'],
  ])('takes a mixed sentence "%s" as an emergency when one red flag is not denied', (said, flag) => {
    expect(emergencyMention(said)).toEqual({ kind: 'affirmed', flag });
  });

  it('has patterns and a question for every red flag', () => {
    const questions = CATALOGS[LOCALE_ID].emergency.check;
    expect(RED_FLAG_RULES.map((rule) => rule.id)).toEqual([...RED_FLAG_IDS]);
    expect(Object.keys(questions).sort()).toEqual([...RED_FLAG_IDS].sort());
    for (const question of Object.values(questions)) expect(question).toMatch(/\?.*yes or no\.$/);
  });
});

describe('answers to the emergency question', () => {
  it.each(['no', 'No.', 'nope', "no I'm fine", 'No, I am not', 'not right now', "I don't", "no, I don't have chest pain"])('takes "%s" as a plain no', (said) => {
    expect(isClearNo(said)).toBe(true);
  });

  it.each([
    'yes',
    'yeah',
    '',
    undefined,
    'maybe',
    "I don't know",
    'no but it comes and goes',
    'a little',
    'kind of',
    'no, I have chest pain',
    'I have chest pain',
    'agent',
    'what are my medications',
    'not sure',
    'no yes',
  ])('takes "%s" as not a plain no', (said) => {
    expect(isClearNo(said)).toBe(false);
  });
});

describe('emergency mentions judged by the one red-flag rule file', () => {
  it.each([
    ["I can't say I don't have chest pain", { kind: 'affirmed', flag: 'chest-pain' }],
    ['I had a heart attack last year, I want my medications', { kind: 'negated', flag: 'heart-attack' }],
    ['I had a heart attack last year and the chest pain is back', { kind: 'affirmed', flag: 'heart-attack' }],
  ])('reads "%s" as the notes and the live triage do', (said, expected) => {
    // Act
    const mention = emergencyMention(said);

    // Assess
    expect(mention).toEqual(expected);
  });
});
