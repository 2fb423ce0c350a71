/**
 * Epic is reported to answer a create with an empty 201 (the id only in `Location`) unless asked for
 * the resource. The client asks (`Prefer: return=representation`) and, when the server answers
 * without a body anyway, takes the id from `Location`: a filed note must never look like a failure,
 * or the pipeline would retry and file it again.
 */
import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FhirChartWriter, FhirClient } from '../../fulfillment/epic';
import { InstantSleepClock, startEpicHarness, type EpicHarness } from '../support/epicHarness';
import { aDocument as documentFor } from '../support/documents';

const PATIENT = 'pat-eleanor-whitfield';
const SYSTEM = 'urn:test:create-without-body';

const aDocument = (value: string): DocumentReference => documentFor({ system: SYSTEM, value }, PATIENT);

function clientOf(harness: EpicHarness): FhirClient {
  return new FhirClient({ baseUrl: harness.sandbox.fhirR4BaseUrl, tokens: harness.gateway().tokens, clock: new InstantSleepClock(), random: () => 0.5 });
}

describe('a create answered without a body', () => {
  let harness: EpicHarness;
  beforeAll(async () => {
    harness = await startEpicHarness({ emptyCreateBody: true });
  });
  afterAll(() => harness.close());

  it('gives the id and version the Location header names, and the document is the one stored', async () => {
    // Prepare
    const fhir = clientOf(harness);
    // Act
    const result = await fhir.create(aDocument('n-1'));
    // Assess
    expect(result.created).toBe(true);
    expect(result.resource.id).toMatch(/.+/);
    expect(result.location).toContain(`/DocumentReference/${result.resource.id}/_history/`);
    expect(result.resource.meta?.versionId).toBe(result.location?.split('/_history/')[1]);
    const stored = await fhir.read<DocumentReference>('DocumentReference', result.resource.id as string);
    expect(stored.identifier).toEqual([{ system: SYSTEM, value: 'n-1' }]);
  });

  it('files a note through the chart writer with the id Epic gave it', async () => {
    // Prepare
    const chart = new FhirChartWriter(clientOf(harness));
    const identifier = { system: SYSTEM, value: 'n-2' };
    // Act
    const created = await chart.createDocument(aDocument('n-2'), identifier);
    // Assess
    const found = await chart.findDocuments(PATIENT, identifier);
    expect(found.map((document) => document.id)).toEqual([created.id]);
  });
});

describe('the create request', () => {
  let harness: EpicHarness;
  beforeAll(async () => {
    harness = await startEpicHarness();
  });
  afterAll(() => harness.close());

  it('asks for the created resource, which a server honouring Prefer sends back', async () => {
    // Act
    const result = await clientOf(harness).create(aDocument('n-3'));
    // Assess: the body came back whole (the sandbox sends it unless asked for return=minimal).
    expect(result.resource.content?.[0]?.attachment?.data).toBe(Buffer.from('a note').toString('base64'));
    expect(result.resource.meta?.lastUpdated).toBeDefined();
  });
});
