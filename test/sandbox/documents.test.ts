import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { fhirGet as get, startWithToken } from '../support/sandboxFixtures';

/** US Core's category of a clinical note: what makes Epic (and the sandbox) apply its Clinical Notes rules. */
const CLINICAL_NOTE = { coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note' }] };

describe('sandbox DocumentReference', () => {
  let sandbox: Sandbox;
  let token: string;
  let r4: string;

  beforeAll(async () => ({ sandbox, token, r4 } = await startWithToken()));
  afterAll(() => sandbox?.close());

  describe('create, conditional create, read and search (in memory)', () => {
    // A note as Epic's Clinical Notes create takes it: a mapped LOINC type, docStatus, text/plain, an encounter.
    const note = (value: string): DocumentReference => ({
      resourceType: 'DocumentReference',
      status: 'current',
      docStatus: 'preliminary',
      identifier: [{ system: 'urn:clinic-ivr:call', value }],
      type: { coding: [{ system: 'http://loinc.org', code: '34109-9' }] },
      category: [CLINICAL_NOTE],
      subject: { reference: 'Patient/ana' },
      content: [{ attachment: { contentType: 'text/plain', data: Buffer.from('Caller asked for a refill.').toString('base64') } }],
      context: { encounter: [{ reference: 'Encounter/enc-ana-1' }] },
    });
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      get<DocumentReference>(`${r4}/DocumentReference`, token, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/fhir+json', ...headers },
      });

    it('creates with 201 and a versioned Location, then reads it back', async () => {
      const created = await post(note('call-1'));
      const read = await get<DocumentReference>(`${r4}/DocumentReference/${created.body.id ?? ''}`, token);

      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`${r4}/DocumentReference/${created.body.id ?? ''}/_history/1`);
      expect(created.body.meta?.versionId).toBe('1');
      expect(read.body.identifier?.[0]?.value).toBe('call-1');
    });

    it('returns the existing document for a conditional create with If-None-Exist', async () => {
      const first = await post(note('call-2'), { 'if-none-exist': 'identifier=urn:clinic-ivr:call|call-2' });

      const again = await post(note('call-2'), { 'if-none-exist': 'identifier=urn:clinic-ivr:call|call-2' });
      const search = await get(`${r4}/DocumentReference?identifier=urn:clinic-ivr:call|call-2`, token);

      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      expect(search.body.total).toBe(1);
    });

    it('answers 412 when If-None-Exist matches several documents', async () => {
      await post(note('call-3'));
      await post(note('call-3'));

      const conditional = await post(note('call-3'), { 'if-none-exist': 'identifier=call-3' });
      const byPlainValue = await get(`${r4}/DocumentReference?identifier=call-3`, token);

      expect(conditional.status).toBe(412);
      expect(byPlainValue.body.total).toBe(2);
    });

    it.each([
      ['no encounter', { context: undefined }, 'context/encounter', 'Valid encounter required'],
      ['an encounter that is not in the chart', { context: { encounter: [{ reference: 'Encounter/enc-missing' }] } }, 'context/encounter', 'Valid encounter required'],
      ['an attachment that is not text/plain', { content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: 'eA==' } }] }, 'content/attachment/contentType', 'text/plain'],
      ['an attachment without inline data', { content: [{ attachment: { contentType: 'text/plain', url: 'https://x.example/n' } }] }, 'content/attachment/data', 'base64'],
      ['a note type Epic does not map', { type: { coding: [{ system: 'http://loinc.org', code: '51855-5' }] } }, 'type', 'note type'],
      ['no docStatus', { docStatus: undefined }, 'docStatus', 'docStatus'],
      ['docStatus amended', { docStatus: 'amended' }, 'docStatus', 'docStatus'],
    ])('refuses a clinical note with %s, as Epic does (400)', async (_case, change, expression, diagnostics) => {
      // Prepare
      const body = { ...note('rule'), ...change };
      // Act
      const response = await post(JSON.parse(JSON.stringify(body)));
      // Assess
      const outcome = response.body as unknown as { issue: { diagnostics: string; expression?: string[] }[] };
      expect(response.status).toBe(400);
      expect(outcome.issue[0]?.expression).toEqual([expression]);
      expect(outcome.issue[0]?.diagnostics).toContain(diagnostics);
    });

    it('keeps other documents (no clinical-note category) to the plain checks', async () => {
      // Prepare: a document that is not a clinical note, as Epic's document-information APIs take
      const body = { ...note('scan'), category: undefined, docStatus: undefined, type: undefined, context: undefined };
      // Act
      const response = await post(JSON.parse(JSON.stringify(body)));
      // Assess
      expect(response.status).toBe(201);
    });

    it('refuses a body that is not a DocumentReference with 400', async () => {
      const response = await post({ resourceType: 'Patient' });

      expect(response.status).toBe(400);
      expect((response.body as { resourceType: string }).resourceType).toBe('OperationOutcome');
    });
  });

  describe('relaxed note rules (--note-encounter-optional, --note-types any)', () => {
    let relaxed: Sandbox;
    let relaxedToken: string;
    let relaxedR4: string;

    beforeAll(async () => ({ sandbox: relaxed, token: relaxedToken, r4: relaxedR4 } = await startWithToken({ notes: { encounterRequired: false, types: 'any' } })));
    afterAll(() => relaxed?.close());

    it('files a note without an encounter and of any LOINC type', async () => {
      // Prepare
      const body: DocumentReference = {
        resourceType: 'DocumentReference',
        status: 'current',
        docStatus: 'preliminary',
        type: { coding: [{ system: 'http://loinc.org', code: '51855-5' }] },
        category: [CLINICAL_NOTE],
        subject: { reference: 'Patient/ana' },
        content: [{ attachment: { contentType: 'text/plain', data: 'eA==' } }],
      };
      // Act
      const response = await get(`${relaxedR4}/DocumentReference`, relaxedToken, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/fhir+json' },
      });
      // Assess
      expect(response.status).toBe(201);
    });
  });
});
