/**
 * The chart port a note is filed through: the FHIR adapter against the sandbox over HTTP, and the
 * gateway that exposes it. Only `epic/` spells a FHIR query; these tests pin what it sends.
 */
import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FhirChartWriter, FhirClient, identifierToken, ifNoneExistIdentifier, type ChartWriter, type FhirRequestEvent } from '../../fulfillment/epic';
import { logger } from '../../fulfillment/runtime/logger';
import { InstantSleepClock, startEpicHarness, type EpicHarness } from '../support/epicHarness';
import { aDocument as documentFor } from '../support/documents';

// The demo patient's sandbox chart (sandbox/data) has two encounters.
const PATIENT = 'pat-eleanor-whitfield';
const SYSTEM = 'urn:test:chart-writer';

let harness: EpicHarness;
let counter = 0;

beforeAll(async () => {
  logger.setLogLevel('CRITICAL');
  harness = await startEpicHarness();
});
afterEach(() => {
  harness.sandbox.setFaults({});
});
afterAll(async () => {
  logger.setLogLevel('INFO');
  await harness.close();
});

/** An adapter on the sandbox whose every FHIR attempt is recorded. */
function observedChart(): { chart: FhirChartWriter; events: FhirRequestEvent[] } {
  const events: FhirRequestEvent[] = [];
  const fhir = new FhirClient({
    baseUrl: harness.sandbox.fhirR4BaseUrl,
    tokens: harness.gateway().tokens,
    clock: new InstantSleepClock(),
    random: () => 0.5,
    onRequest: (event) => events.push(event),
  });
  return { chart: new FhirChartWriter(fhir), events };
}

const aDocument = (value: string, patientId = PATIENT): DocumentReference => documentFor({ system: SYSTEM, value }, patientId);

const nextValue = () => `doc-${Date.now()}-${(counter += 1)}`;

describe('FHIR chart writer (sandbox over HTTP)', () => {
  it('spells the identifier as a FHIR token and the conditional create as If-None-Exist', () => {
    expect(identifierToken({ system: SYSTEM, value: 'n-1' })).toBe('urn:test:chart-writer|n-1');
    expect(ifNoneExistIdentifier({ system: SYSTEM, value: 'n-1' })).toBe('identifier=urn:test:chart-writer|n-1');
  });

  it('creates a document once: a second create with the same identifier finds the first', async () => {
    // Prepare
    const { chart, events } = observedChart();
    const value = nextValue();
    // Act
    const first = await chart.createDocument(aDocument(value), { system: SYSTEM, value });
    const again = await chart.createDocument(aDocument(value), { system: SYSTEM, value });
    // Assess
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(events.map((event) => [event.interaction, event.resourceType])).toEqual([
      ['create', 'DocumentReference'],
      ['create', 'DocumentReference'],
    ]);
  });

  it('finds a document by patient and identifier in one search, and nothing for another identifier', async () => {
    // Prepare
    const value = nextValue();
    const { id } = await observedChart().chart.createDocument(aDocument(value), { system: SYSTEM, value });
    const { chart, events } = observedChart();
    // Act
    const found = await chart.findDocuments(PATIENT, { system: SYSTEM, value });
    const none = await chart.findDocuments(PATIENT, { system: SYSTEM, value: nextValue() });
    // Assess
    expect(found.map((document) => document.id)).toEqual([id]);
    expect(none).toEqual([]);
    expect(events.map((event) => [event.interaction, event.resourceType, event.attempt])).toEqual([
      ['search', 'DocumentReference', 1],
      ['search', 'DocumentReference', 1],
    ]);
  });

  it("returns the patient's encounters and only encounters", async () => {
    // Prepare
    const { chart, events } = observedChart();
    // Act
    const encounters = await chart.findEncounters(PATIENT);
    // Assess
    expect(encounters.map((encounter) => encounter.id).sort()).toEqual(['enc-eleanor-whitfield-1', 'enc-eleanor-whitfield-2']);
    expect(encounters.every((encounter) => encounter.resourceType === 'Encounter' && encounter.subject?.reference === `Patient/${PATIENT}`)).toBe(true);
    expect(events).toHaveLength(1);
  });

  it('never resends a create answered with 503', async () => {
    // Prepare
    const { chart, events } = observedChart();
    const value = nextValue();
    harness.sandbox.failNextFhir(1, 503);
    // Act
    const create = chart.createDocument(aDocument(value), { system: SYSTEM, value });
    // Assess
    await expect(create).rejects.toMatchObject({ name: 'FhirUnavailableError', status: 503 });
    expect(events.map((event) => event.status)).toEqual([503]);
  });
});

describe('the Epic gateway as the chart writer', () => {
  it('sends what the adapter sends: one request per operation', async () => {
    // Prepare
    const chart: ChartWriter = harness.gateway();
    const value = nextValue();
    harness.sandbox.resetStats();
    // Act
    const created = await chart.createDocument(aDocument(value), { system: SYSTEM, value });
    const found = await chart.findDocuments(PATIENT, { system: SYSTEM, value });
    const encounters = await chart.findEncounters(PATIENT);
    // Assess
    expect(found.map((document) => document.id)).toEqual([created.id]);
    expect(encounters).toHaveLength(2);
    expect(harness.sandbox.stats.fhirRequestsByType).toEqual({ DocumentReference: 2, Encounter: 1 });
  });
});
