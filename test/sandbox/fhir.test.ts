import type { Bundle, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { entryIds as ids, fhirGet as get, startWithClient, startWithToken, type FhirResponse } from '../support/sandboxFixtures';

/** The STU3 MedicationStatement fields these tests read. */
interface Stu3Statement {
  id: string;
  status: string;
  taken?: string;
  effectiveDateTime?: string;
  dosage?: { doseQuantity?: unknown }[];
  contained?: { id?: string; code?: { text?: string } }[];
  medicationReference?: { reference?: string };
}

describe('sandbox FHIR API', () => {
  let sandbox: Sandbox;
  let token: string;
  let r4: string;

  beforeAll(async () => ({ sandbox, token, r4 } = await startWithToken()));
  afterAll(() => sandbox?.close());

  describe('authorization', () => {
    it('refuses a request without a token with 401, WWW-Authenticate and an OperationOutcome', async () => {
      const response = await get<OperationOutcome>(`${r4}/Patient/ana`);

      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      expect(response.headers.get('content-type')).toBe('application/fhir+json');
      expect(response.body.resourceType).toBe('OperationOutcome');
    });

    it('serves the CapabilityStatement without a token, with the SMART token URL, for R4 and STU3', async () => {
      const [capR4, capStu3] = await Promise.all([get<Record<string, unknown>>(`${r4}/metadata`), get<Record<string, unknown>>(`${sandbox.fhirStu3BaseUrl}/metadata`)]);

      expect(capR4.status).toBe(200);
      expect(capR4.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
      expect(capStu3.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '3.0.2' });
      expect(JSON.stringify(capR4.body)).toContain(sandbox.tokenUrl);
    });
  });

  describe('Patient', () => {
    it('reads a patient by id and answers 404 with an OperationOutcome for an unknown one', async () => {
      const found = await get<Patient>(`${r4}/Patient/ana`, token);
      const missing = await get<OperationOutcome>(`${r4}/Patient/nobody`, token);

      expect(found.body.name?.[0]?.family).toBe('López');
      expect(missing.status).toBe(404);
      expect(missing.body.issue[0]?.code).toBe('not-found');
    });

    it('refuses a search without one of Epic\'s minimum data sets with 400 naming them', async () => {
      const response = await get<OperationOutcome>(`${r4}/Patient?telecom=6085550142&birthdate=1980-04-12`, token);

      expect(response.status).toBe(400);
      expect(response.body.issue[0]?.code).toBe('required');
      expect(response.body.issue[0]?.diagnostics).toContain('given+family+birthdate');
      expect(response.body.issue[0]?.diagnostics).not.toContain('6085550142');
    });

    it('finds by given+family+birthdate, case-insensitive prefixes ignoring accents', async () => {
      const response = await get(`${r4}/Patient?given=an&family=LOPEZ&birthdate=1980-04-12`, token);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
      expect(response.body.entry?.[0]?.fullUrl).toBe(`${r4}/Patient/ana`);
    });

    it('finds by given+family+legal-sex+phone', async () => {
      const response = await get(`${r4}/Patient?given=Ana&family=Lopez&legal-sex=female&phone=608-555-0142`, token);

      expect(ids(response.body)).toEqual(['ana']);
    });

    it('finds by identifier (system|value or bare value) and by _id', async () => {
      const bySystem = await get(`${r4}/Patient?identifier=urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14|MRN-ben`, token);
      const byValue = await get(`${r4}/Patient?identifier=MRN-ben`, token);
      const byId = await get(`${r4}/Patient?_id=ben,cara`, token);

      expect(ids(bySystem.body)).toEqual(['ben']);
      expect(ids(byValue.body)).toEqual(['ben']);
      expect(ids(byId.body)).toEqual(['cara', 'ben']);
    });

    it('refuses a malformed birthdate and an unknown parameter with 400 invalid', async () => {
      const badDate = await get<OperationOutcome>(`${r4}/Patient?given=Ana&family=Lopez&birthdate=12/04/1980`, token);
      const unknown = await get<OperationOutcome>(`${r4}/Patient?_id=ana&shoe-size=9`, token);

      expect(badDate.status).toBe(400);
      expect(badDate.body.issue[0]?.code).toBe('invalid');
      expect(unknown.status).toBe(400);
    });
  });

  describe('MedicationRequest', () => {
    it('filters by patient and status and includes each referenced Medication once', async () => {
      const response = await get(`${r4}/MedicationRequest?patient=ana&status=active&_include=MedicationRequest:medication`, token);

      expect(response.body.total).toBe(2);
      expect(ids(response.body).sort()).toEqual(['mr-ana-1', 'mr-ana-2']);
      expect(ids(response.body, 'include')).toEqual(['med-atorvastatin']);
    });

    it('leaves standalone Medications out without _include and accepts subject=Patient/ID', async () => {
      const response = await get(`${r4}/MedicationRequest?subject=Patient/ana&status=active,stopped`, token);

      expect(response.body.total).toBe(3);
      expect(ids(response.body, 'include')).toEqual([]);
    });

    it('pages with _count through an absolute next link until the last page', async () => {
      const seen: string[] = [];
      let url: string | undefined = `${r4}/MedicationRequest?patient=ben&status=active&_count=5&_include=MedicationRequest:medication`;
      const totals: number[] = [];
      for (let pages = 0; url && pages < 10; pages += 1) {
        const page: FhirResponse<Bundle> = await get(url, token);
        expect(page.status).toBe(200);
        totals.push(page.body.total ?? -1);
        seen.push(...(ids(page.body) as string[]));
        if (ids(page.body).length > 0) expect(ids(page.body, 'include')).toEqual(['med-atorvastatin']);
        url = page.body.link?.find((link) => link.relation === 'next')?.url;
        if (url) expect(url.startsWith(`${r4}/MedicationRequest?`)).toBe(true);
      }

      expect(totals).toEqual([12, 12, 12]);
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
    });

    it('refuses a page cursor that was not issued with 400, and an unknown route with 404', async () => {
      const tampered = await get<OperationOutcome>(`${r4}/MedicationRequest?_getpages=not-a-cursor`, token);
      const unknown = await get<OperationOutcome>(`${r4}/Observation?patient=ana`, token);

      expect(tampered.status).toBe(400);
      expect(tampered.body.issue[0]?.code).toBe('invalid');
      expect(unknown.status).toBe(404);
      expect(unknown.body.resourceType).toBe('OperationOutcome');
    });

    it('caps _count at 50 and requires a patient', async () => {
      const capped = await get(`${r4}/MedicationRequest?patient=ben&_count=500`, token);
      const unscoped = await get<OperationOutcome>(`${r4}/MedicationRequest?status=active`, token);

      expect(capped.body.entry).toHaveLength(12);
      expect(unscoped.status).toBe(400);
      expect(unscoped.body.issue[0]?.code).toBe('required');
    });
  });

  describe('STU3 MedicationStatement and Encounter', () => {
    it('derives active MedicationStatements from the R4 orders in STU3 shape', async () => {
      const response = await get(`${sandbox.fhirStu3BaseUrl}/MedicationStatement?patient=ana&status=active`, token);
      const statements = (response.body.entry ?? []).map((entry) => entry.resource as unknown as Stu3Statement);

      expect(response.body.total).toBe(2);
      expect(statements.every((statement) => statement.status === 'active' && statement.taken === 'unk')).toBe(true);
      const atorvastatin = statements.find((statement) => statement.id === 'mr-ana-1');
      expect(atorvastatin?.effectiveDateTime).toBe('2025-03-01');
      expect(atorvastatin?.dosage?.[0]?.doseQuantity).toEqual({ value: 20, unit: 'mg' });
      expect(atorvastatin?.contained?.[0]?.code?.text).toBe('atorvastatin 20 MG Oral Tablet');
      expect(atorvastatin?.medicationReference?.reference).toBe(`#${atorvastatin?.contained?.[0]?.id}`);
      expect(response.body.entry?.[0]?.fullUrl?.startsWith(sandbox.fhirStu3BaseUrl)).toBe(true);
    });

    it('lists a patient\'s encounters', async () => {
      const response = await get(`${r4}/Encounter?patient=ana`, token);

      expect(ids(response.body)).toEqual(['enc-ana-1']);
    });
  });

});

describe('sandbox FHIR API in relaxed patient search mode', () => {
  let sandbox: Sandbox;
  let token: string;

  beforeAll(async () => {
    const started = await startWithClient({ relaxedPatientSearch: true });
    sandbox = started.sandbox;
    token = await started.token();
  });
  afterAll(() => sandbox?.close());

  it('accepts telecom+birthdate and returns near matches agreeing on the last seven digits', async () => {
    const response = await get(`${sandbox.fhirR4BaseUrl}/Patient?telecom=6085550142&birthdate=1980-04-12&legal-sex=female`, token);

    expect(response.status).toBe(200);
    expect(ids(response.body).sort()).toEqual(['ana', 'cara']);
  });

  it('still refuses telecom alone', async () => {
    const response = await get(`${sandbox.fhirR4BaseUrl}/Patient?telecom=6085550142`, token);

    expect(response.status).toBe(400);
  });
});


describe('sandbox after revokeAllTokens()', () => {
  let sandbox: Sandbox;
  let token: () => Promise<string>;

  beforeAll(async () => {
    ({ sandbox, token } = await startWithClient());
  });
  afterAll(() => sandbox?.close());

  it('refuses tokens issued before with 401 invalid_token and accepts a fresh one', async () => {
    const before = await token();
    sandbox.revokeAllTokens();

    const revoked = await get(`${sandbox.fhirR4BaseUrl}/Patient/ana`, before);
    const renewed = await get(`${sandbox.fhirR4BaseUrl}/Patient/ana`, await token());

    expect(revoked.status).toBe(401);
    expect(revoked.headers.get('www-authenticate')).toContain('invalid_token');
    expect(renewed.status).toBe(200);
  });
});
