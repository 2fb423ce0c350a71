/**
 * The sandbox's synthetic charts exercise every outcome of the Spanish medication sentence, read from
 * Epic's list search as a call would read them: whole Spanish, or English only for each reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMedicationEs, type SpanishMedication } from '../../fulfillment/dialog/medicationSpeechEs';
import { SCENARIOS } from '../../sandbox/data/scenarios';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';

describe('Spanish medication sentences from the sandbox charts', () => {
  let harness: EpicHarness;

  beforeAll(async () => {
    harness = await startEpicHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  /** What a Spanish-speaking caller would be given for each active medication of one patient, by drug name. */
  async function spanishFor(patientId: string): Promise<Record<string, SpanishMedication>> {
    const list = await harness.gateway().activeMedications(patientId);
    return Object.fromEntries(list.map((medication) => [medication.name, describeMedicationEs(medication)]));
  }

  it('speaks fully structured orders in Spanish and leaves English-only sigs to the caller’s choice (demo caller)', async () => {
    // Act
    const spoken = await spanishFor(SCENARIOS.eleanor.patientId);
    // Assess
    expect(spoken).toEqual({
      'atorvastatin 20 MG Oral Tablet': {
        englishOnly: false,
        sentence: 'atorvastatin 20 miligramos, tableta oral: tome 20 miligramos por vía oral una vez al día, a la hora de acostarse.',
      },
      'levothyroxine 50 mcg tablet': {
        englishOnly: false,
        sentence: 'levothyroxine 50 microgramos, tableta: tome 50 microgramos por vía oral una vez al día, antes del desayuno.',
      },
      'lisinopril 10 mg tablet': { englishOnly: true, reason: 'free-text-only', name: 'lisinopril 10 miligramos, tableta' },
      'albuterol 90 mcg/actuation inhaler': { englishOnly: true, reason: 'free-text-only', name: 'albuterol 90 microgramos por aplicación, inhalador' },
    });
  });

  it.each([
    ['a timing coded only in Epic’s own system', SCENARIOS.ruth.patientId, 'alendronate 70 mg tablet', 'unknown-timing-code'],
    ['a route with no Spanish rendering', SCENARIOS.sasha.patientId, 'fluticasone propionate 50 mcg/actuation nasal spray', 'unknown-route'],
    ['an instruction beside the structure ("as directed")', SCENARIOS.augustin.patientId, 'warfarin sodium 5 MG Oral Tablet', 'unread-element'],
    ['a structured order with no route', SCENARIOS.theodora.patientId, 'insulin glargine 100 unit/mL pen', 'incomplete'],
  ])('gives English only for %s', async (_case, patientId, drug, reason) => {
    // Act
    const spoken = await spanishFor(patientId);
    // Assess
    expect(spoken[drug]).toMatchObject({ englishOnly: true, reason });
  });

  it('says the event of a structured timing ("with meals") in Spanish', async () => {
    const spoken = await spanishFor(SCENARIOS.theodora.patientId);
    expect(spoken['metformin hydrochloride 1000 MG Oral Tablet']).toEqual({
      englishOnly: false,
      sentence: 'metformin hydrochloride 1000 miligramos, tableta oral: tome 1000 miligramos por vía oral dos veces al día, con las comidas.',
    });
  });
});
