import { describe, expect, it } from 'vitest';
import { readBirthDate } from '../../fulfillment/dialog/birthDate';
import { readGender } from '../../fulfillment/dialog/gender';
import { describeMedication, speakable } from '../../fulfillment/dialog/medicationSpeech';

const today = new Date(Date.UTC(2026, 10, 25));

describe('birth date answers', () => {
  it('takes the date Lex resolved from speech', () => {
    expect(readBirthDate('1948-03-14', 'March 14th 1948', today)).toEqual({ ok: true, isoDate: '1948-03-14' });
  });

  it('takes eight keyed digits as month, day, year', () => {
    expect(readBirthDate(undefined, '03141948', today)).toEqual({ ok: true, isoDate: '1948-03-14' });
    expect(readBirthDate(undefined, '0314 1948#', today)).toEqual({ ok: true, isoDate: '1948-03-14' });
  });

  it.each([
    ['02301950', 'unreadable'],
    ['13011950', 'unreadable'],
    ['0314194', 'unreadable'],
    ['12312030', 'future'],
    ['01011900', 'tooOld'],
  ])('refuses keyed %s as %s', (keyed, problem) => {
    expect(readBirthDate(undefined, keyed, today)).toEqual({ ok: false, problem });
  });

  it('reads an answer as keyed only when it is digits alone, else trusts what Lex resolved', () => {
    // Prepare: speech Lex transcribed with dashes; as keys these 8 digits would be month 19.
    const spoken = '1948-03-14';
    // Act
    const answer = readBirthDate('1948-03-14', spoken, today);
    // Assess
    expect(answer).toEqual({ ok: true, isoDate: '1948-03-14' });
    expect(readBirthDate('1948-03-14', '03-14-1948', today)).toEqual({ ok: true, isoDate: '1948-03-14' });
    expect(readBirthDate(undefined, '03-14-1948', today)).toEqual({ ok: false, problem: 'unreadable' });
  });

  it('accepts someone born today and someone exactly 120', () => {
    expect(readBirthDate('2026-11-25', undefined, today).ok).toBe(true);
    expect(readBirthDate('1906-01-01', undefined, today).ok).toBe(true);
  });
});

describe('gender answers', () => {
  it.each([
    ['female', undefined, 'female'],
    [undefined, 'a woman', undefined],
    [undefined, 'woman', 'female'],
    [undefined, '2', 'male'],
    [undefined, 'Non-binary.', 'other'],
    [undefined, 'prefer not to say', 'unknown'],
    [undefined, 'banana', undefined],
    [undefined, 'constructor', undefined],
    ['toString', '__proto__', undefined],
  ])('reads (%s, %s) as %s', (interpreted, original, expected) => {
    expect(readGender(interpreted, original)).toBe(expected);
  });
});

describe('medications in speech', () => {
  it('says units and abbreviations as words', () => {
    expect(speakable('metoprolol succinate 25 MG ER Oral Tablet')).toBe('metoprolol succinate 25 milligram extended release oral tablet');
    expect(speakable('albuterol 0.09 MG/ACTUAT Metered Dose Inhaler')).toBe('albuterol 0.09 milligrams per puff metered dose inhaler');
    expect(speakable('Take 1 tab PO BID PRN')).toBe('take 1 tablet by mouth twice a day as needed');
    expect(speakable('insulin glargine 100 UNT/ML')).toBe('insulin glargine 100 units per milliliter');
  });

  it('reads name, dose when the name lacks it, and instructions', () => {
    expect(describeMedication({ name: 'metformin 500 MG Oral Tablet', doseText: '500 mg', instructions: 'twice a day', authoredOn: undefined })).toBe(
      'metformin 500 milligram oral tablet: twice a day.',
    );
    expect(describeMedication({ name: 'atorvastatin 20 MG Oral Tablet', doseText: '2 mg', instructions: 'daily', authoredOn: undefined })).toBe(
      'atorvastatin 20 milligram oral tablet, 2 milligram: daily.',
    );
    expect(describeMedication({ name: 'albuterol 0.09 MG/ACTUAT', doseText: '0.09 mg', instructions: 'as needed', authoredOn: undefined })).toBe(
      'albuterol 0.09 milligrams per puff: as needed.',
    );
    expect(describeMedication({ name: 'insulin glargine', doseText: '20 U', instructions: undefined, authoredOn: undefined })).toBe(
      'insulin glargine, 20 U: no instructions are on file.',
    );
  });
});
