/**
 * Medications for a Spanish-speaking caller through the real handler: each item is a whole Spanish
 * sentence or says its instructions are in English only (keeping the English sentence for the
 * caller's choice), and the kept list still fits the sealed attribute.
 */
import { randomUUID } from 'node:crypto';
import type { LexV2Result } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ES_LOCALE_ID, INTENTS, SESSION_ATTRIBUTES } from '../../contract';
import { createHandler } from '../../fulfillment/dialog/codeHook';
import { keptList, MAX_KEPT_MEDICATIONS, MAX_PAGER_JSON_BYTES } from '../../fulfillment/dialog/medicationPager';
import type { MedicationList } from '../../fulfillment/epic';
import { DEFAULT_MAX_SEALED_LENGTH } from '../../fulfillment/session';
import { ALL_SCENARIOS } from '../../sandbox/data/scenarios';
import { startEpicHarness, type EpicHarness } from '../support/epicHarness';
import { expectValidLexResponse } from '../support/lexResponseSchema';
import { useLocalRuntime } from '../support/localRuntime';
import { longEnglishOnlyMedication as englishOnlyMedication } from '../support/longLists';
import { servicesEvent } from '../support/servicesEvent';

const spoken = (result: LexV2Result): string => (result.messages ?? []).map((message) => ('content' in message ? (message.content ?? '') : '')).join(' ');

describe('the kept medication list of a Spanish call', () => {
  let harness: EpicHarness;

  beforeAll(async () => {
    harness = await startEpicHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('stays within the pager bound for every sandbox chart, the longest list included, and keeps each whole', async () => {
    for (const scenario of ALL_SCENARIOS) {
      // Prepare
      const medications = await harness.gateway().activeMedications(scenario.patientId);
      // Act
      const list = keptList(scenario.patientId, medications, ES_LOCALE_ID);
      // Assess
      expect(Buffer.byteLength(JSON.stringify(list)), scenario.given).toBeLessThanOrEqual(MAX_PAGER_JSON_BYTES);
      // Every sandbox chart is read whole: Spanish sentences and kept English ones still fit.
      expect(list.sentences.length, scenario.given).toBe(Math.min(medications.length, MAX_KEPT_MEDICATIONS));
    }
  });

  it('keeps, for an English-only item, the Spanish notice as its sentence and the English sentence for the choice', async () => {
    // Prepare
    const medications = await harness.gateway().activeMedications(ALL_SCENARIOS[0]?.patientId ?? '');
    // Act
    const list = keptList('pat', medications, ES_LOCALE_ID);
    // Assess
    const flagged = (list.items ?? []).map((item, index) => ({ item, sentence: list.sentences[index] ?? '' })).filter(({ item }) => item.en !== undefined);
    expect(flagged.length).toBeGreaterThan(0);
    for (const { item, sentence } of flagged) {
      expect(sentence).toBe(`Las instrucciones de ${item.n} están solamente en inglés.`);
      expect(item.en).toMatch(/: .+\.$/);
    }
  });

  it('keeps nothing English in an English call', async () => {
    // Prepare
    const medications = await harness.gateway().activeMedications(ALL_SCENARIOS[0]?.patientId ?? '');
    // Act
    const list = keptList('pat', medications);
    // Assess
    expect((list.items ?? []).some((item) => item.en !== undefined)).toBe(false);
  });
});

describe('a long English-only list read to a Spanish-speaking caller', () => {
  const runtime = useLocalRuntime();

  it('seals 35 long English-only medications within the sealed-attribute bound, and offers English or a person', async () => {
    // Prepare
    const list: MedicationList = Array.from({ length: 35 }, (_, index) => englishOnlyMedication(index + 1));
    const handler = createHandler(async () => ({ ...runtime.deps, epic: { ...runtime.deps.epic, activeMedications: async () => list } }));
    const sessionId = randomUUID();
    const token = await runtime.deps.sessions.issue({ patientId: 'pat-long-list' }, { sessionId });
    // Act
    const result = expectValidLexResponse(
      await handler(servicesEvent({ intent: INTENTS.getMedications, sessionId, attributes: { [SESSION_ATTRIBUTES.sessionToken]: token }, transcript: 'mis medicamentos', localeId: ES_LOCALE_ID })),
    ) as LexV2Result;
    // Assess
    const sealed = result.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.medicationPager] ?? '';
    expect(sealed.length).toBeGreaterThan(0);
    expect(sealed.length).toBeLessThanOrEqual(DEFAULT_MAX_SEALED_LENGTH);
    expect(spoken(result)).toContain('están solamente en inglés.');
    expect(spoken(result)).toContain('Para escucharlas en inglés, diga inglés');
    expect(spoken(result)).not.toContain('take one tablet');
    expect(result.sessionState.sessionAttributes?.[SESSION_ATTRIBUTES.englishChoice]).toBe('0');
  });
});
