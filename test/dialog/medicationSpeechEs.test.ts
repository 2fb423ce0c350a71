/**
 * The Spanish medication sentence: whole Spanish from structured fields, or English only with the
 * reason, never a mix (dosing safety). One row per branch of the renderer.
 */
import { describe, expect, it } from 'vitest';
import { describeMedication } from '../../fulfillment/dialog/medicationSpeech';
import { describeMedicationEs, speakableEs, type EnglishOnlyReason } from '../../fulfillment/dialog/medicationSpeechEs';
import { UNNAMED_MEDICATION, type MedicationSummary, type StructuredDosage } from '../../fulfillment/epic';

const SNOMED = 'http://snomed.info/sct';
const UCUM = 'http://unitsofmeasure.org';
const GTS = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';
const EPIC_ROUTE = 'urn:oid:1.2.840.114350.1.13.0.1.7.4.698288.330';

/** Epic's oral route: its own coding, text "Oral". */
const ORAL = { codings: [{ system: EPIC_ROUTE, code: '15' }], text: 'Oral' };

/** A structured dosage: one tablet by mouth twice a day, unless a field is overridden. */
function dosage(fields: Partial<StructuredDosage> = {}): StructuredDosage {
  return {
    dose: { value: 1, code: '{tbl}', system: UCUM, unit: 'tablet' },
    route: ORAL,
    frequency: 2,
    period: 1,
    periodUnit: 'd',
    hasText: true,
    unread: [],
    ...fields,
  };
}

function medication(fields: Partial<MedicationSummary> = {}): MedicationSummary {
  return {
    name: 'metformin hydrochloride 500 MG Oral Tablet',
    doseText: undefined,
    instructions: 'Take 1 tablet by mouth 2 times daily',
    authoredOn: undefined,
    dosage: [dosage()],
    ...fields,
  };
}

describe('a Spanish medication sentence from structured dosage', () => {
  it.each<[string, Partial<StructuredDosage>, string]>([
    ['one tablet twice a day', {}, 'tome una tableta por vía oral dos veces al día'],
    ['a dose in milligrams once a day', { dose: { value: 20, code: 'mg', system: UCUM, unit: 'mg' }, frequency: 1 }, 'tome 20 miligramos por vía oral una vez al día'],
    ['half a tablet', { dose: { value: 0.5, code: '{tbl}', unit: 'tablet' } }, 'tome media tableta por vía oral dos veces al día'],
    ['one milligram (masculine)', { dose: { value: 1, code: 'mg', unit: 'mg' } }, 'tome un miligramo por vía oral dos veces al día'],
    ['a unit by its text when no code is sent', { dose: { value: 2, unit: 'Capsules' } }, 'tome 2 cápsulas por vía oral dos veces al día'],
    ['every 8 hours', { frequency: 1, period: 8, periodUnit: 'h' }, 'tome una tableta por vía oral cada 8 horas'],
    ['every hour', { frequency: 1, period: 1, periodUnit: 'h' }, 'tome una tableta por vía oral cada hora'],
    ['three times every two days', { frequency: 3, period: 2, periodUnit: 'd' }, 'tome una tableta por vía oral tres veces cada 2 días'],
    ['eight times a day, in digits', { frequency: 8 }, 'tome una tableta por vía oral 8 veces al día'],
    ['once a week', { frequency: 1, period: 1, periodUnit: 'wk' }, 'tome una tableta por vía oral una vez a la semana'],
    ['at bedtime', { frequency: 1, when: ['HS'] }, 'tome una tableta por vía oral una vez al día, a la hora de acostarse'],
    ['morning and evening', { when: ['MORN', 'EVE'] }, 'tome una tableta por vía oral dos veces al día, por la mañana y por la noche'],
    ['as needed', { frequency: 1, period: 6, periodUnit: 'h', asNeeded: true }, 'tome una tableta por vía oral cada 6 horas, según sea necesario'],
    ['as needed without a schedule', { frequency: undefined, period: undefined, periodUnit: undefined, asNeeded: true }, 'tome una tableta por vía oral según sea necesario'],
    ['a timing code without repeat', { frequency: undefined, period: undefined, periodUnit: undefined, timingCode: { codings: [{ system: GTS, code: 'TID' }] } }, 'tome una tableta por vía oral tres veces al día'],
    ['a timing code agreeing with repeat (said once)', { timingCode: { codings: [{ system: GTS, code: 'BID' }], text: 'BID' } }, 'tome una tableta por vía oral dos veces al día'],
    ['a SNOMED route', { dose: { value: 18, code: '[U]', unit: 'units' }, route: { codings: [{ system: SNOMED, code: '34206005' }], text: 'Subcutaneous route' }, frequency: 1 }, 'inyecte 18 unidades debajo de la piel una vez al día'],
    ['a route by its text only', { dose: { value: 2, code: '{puff}', unit: 'puff' }, route: { codings: [], text: 'Inhalation' }, frequency: 4 }, 'use 2 inhalaciones por vía inhalatoria cuatro veces al día'],
  ])('says %s', (_case, fields, instruction) => {
    // Act
    const result = describeMedicationEs(medication({ dosage: [dosage(fields)] }));
    // Assess
    expect(result).toEqual({ englishOnly: false, sentence: `metformin hydrochloride 500 miligramos, tableta oral: ${instruction}.` });
  });

  it('says every dosage line in order, joined as a sequence', () => {
    // Prepare
    const tapered = medication({ dosage: [dosage({ dose: { value: 2, code: '{tbl}' } }), dosage()] });
    // Act
    const result = describeMedicationEs(tapered);
    // Assess
    expect(result).toEqual({
      englishOnly: false,
      sentence: 'metformin hydrochloride 500 miligramos, tableta oral: tome 2 tabletas por vía oral dos veces al día; después, tome una tableta por vía oral dos veces al día.',
    });
  });

  it('names a medication the chart does not name in Spanish, not with the English placeholder', () => {
    const result = describeMedicationEs(medication({ name: UNNAMED_MEDICATION, dosage: undefined, instructions: undefined }));
    expect(result).toEqual({ englishOnly: false, sentence: 'medicamento sin nombre: no hay instrucciones en el expediente.' });
  });

  it('gives English only rather than cut a sentence longer than the bound', () => {
    // Prepare
    const summary = medication();
    const whole = describeMedicationEs(summary);
    const length = whole.englishOnly ? 0 : whole.sentence.length;
    // Act
    const fits = describeMedicationEs(summary, { maxLength: length });
    const tooLong = describeMedicationEs(summary, { maxLength: length - 1 });
    // Assess
    expect(fits).toEqual(whole);
    expect(tooLong).toEqual({ englishOnly: true, reason: 'too-long', name: 'metformin hydrochloride 500 miligramos, tableta oral' });
  });

  it('says there are no instructions when the chart has none, in Spanish', () => {
    const result = describeMedicationEs(medication({ dosage: undefined, instructions: undefined, name: 'cetirizine hydrochloride 10 MG Oral Tablet' }));
    expect(result).toEqual({ englishOnly: false, sentence: 'cetirizine hydrochloride 10 miligramos, tableta oral: no hay instrucciones en el expediente.' });
  });
});

describe('instructions with no Spanish rendering', () => {
  it.each<[string, Partial<MedicationSummary>, EnglishOnlyReason]>([
    ['English free text only', { dosage: undefined }, 'free-text-only'],
    ['an element the sentence would leave out', { dosage: [dosage({ unread: ['additionalInstruction'] })] }, 'unread-element'],
    ['no dose', { dosage: [dosage({ dose: undefined })] }, 'incomplete'],
    ['no route', { dosage: [dosage({ route: undefined })] }, 'incomplete'],
    ['no timing and not as needed', { dosage: [dosage({ frequency: undefined, period: undefined, periodUnit: undefined })] }, 'incomplete'],
    ['a UCUM unit not in the table', { dosage: [dosage({ dose: { value: 5, code: 'mL{vial}', system: UCUM, unit: 'tablet' } })] }, 'unknown-unit'],
    ['a unit text not in the table', { dosage: [dosage({ dose: { value: 1, unit: 'applicatorful' } })] }, 'unknown-unit'],
    ['a unit of another code system', { dosage: [dosage({ dose: { value: 1, code: '1', system: 'urn:oid:1.2.3', unit: 'scoop' } })] }, 'unknown-unit'],
    ['a zero dose', { dosage: [dosage({ dose: { value: 0, code: 'mg' } })] }, 'unknown-unit'],
    ['a route not in the table', { dosage: [dosage({ route: { codings: [{ system: EPIC_ROUTE, code: '999' }], text: 'Intravitreal' } })] }, 'unknown-route'],
    ['a route not in the table, named before the missing dose', { dosage: [dosage({ dose: undefined, route: { codings: [], text: 'Each Nare' } })] }, 'unknown-route'],
    ['a period unit not in the table', { dosage: [dosage({ periodUnit: 's' })] }, 'unknown-timing'],
    ['a partial repeat', { dosage: [dosage({ period: undefined })] }, 'unknown-timing'],
    ['an event timing not in the table', { dosage: [dosage({ when: ['PHS'] })] }, 'unknown-timing'],
    ['a timing code of another system', { dosage: [dosage({ timingCode: { codings: [], text: '2 times daily' } })] }, 'unknown-timing-code'],
    ['a TimingAbbreviation code not in the table', { dosage: [dosage({ frequency: undefined, period: undefined, periodUnit: undefined, timingCode: { codings: [{ system: GTS, code: 'Q12H' }] } })] }, 'unknown-timing-code'],
    ['one line of two with no rendering', { dosage: [dosage(), dosage({ route: { codings: [], text: 'Intravitreal' } })] }, 'unknown-route'],
  ])('gives English only for %s', (_case, fields, reason) => {
    // Act
    const result = describeMedicationEs(medication(fields));
    // Assess: the name is the only Spanish; no instruction word in either language is returned.
    expect(result).toEqual({ englishOnly: true, reason, name: 'metformin hydrochloride 500 miligramos, tableta oral' });
  });

  it('leaves the English sentence as it was', () => {
    // Prepare
    const summary = medication({ doseText: '500 mg' });
    // Act
    const english = describeMedication(summary);
    // Assess
    expect(english).toBe('metformin hydrochloride 500 milligram oral tablet: take 1 tablet by mouth 2 times daily.');
  });
});

describe('drug names as in the chart, with units and forms in Spanish', () => {
  it.each([
    ['atorvastatin 20 MG Oral Tablet', 'atorvastatin 20 miligramos, tableta oral'],
    ['omeprazole 20 MG Delayed Release Oral Capsule', 'omeprazole 20 miligramos, cápsula oral de liberación retardada'],
    ['albuterol 0.09 MG/ACTUAT Metered Dose Inhaler', 'albuterol 0.09 miligramos por aplicación, inhalador de dosis medida'],
    ['insulin glargine 100 UNT/ML Injectable Solution', 'insulin glargine 100 unidades por mililitro, solución inyectable'],
    ['levothyroxine 50 mcg tablet', 'levothyroxine 50 microgramos, tableta'],
    ['potassium chloride 10 mEq extended-release tablet', 'potassium chloride 10 miliequivalentes, tableta de liberación prolongada'],
    ['fluticasone propionate 50 mcg/actuation nasal spray', 'fluticasone propionate 50 microgramos por aplicación, aerosol nasal'],
  ])('says %s as %s', (chart, spoken) => {
    expect(speakableEs(chart)).toBe(spoken);
  });
});
