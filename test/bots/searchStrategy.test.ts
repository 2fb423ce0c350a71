import { describe, expect, expectTypeOf, it } from 'vitest';
import type { PatientSearchStrategy } from '../../bots';
import { PATIENT_SEARCH_STRATEGIES } from '../../contract';
import type { Config } from '../../fulfillment/runtime/config';

describe('the patient search strategy the bots are shaped by', () => {
  it('is exactly the setting the fulfillment reads from EPIC_PATIENT_SEARCH', () => {
    // Assess: checked by the type checker (npm test runs tsc first); a strategy added on one side only fails it.
    expectTypeOf<PatientSearchStrategy>().toEqualTypeOf<Config['epic']['patientSearch']>();
    expect([...PATIENT_SEARCH_STRATEGIES]).toEqual(['telecom', 'name']);
  });
});
