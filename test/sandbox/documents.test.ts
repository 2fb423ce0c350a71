import type { DocumentReference } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { fhirGet as get, startWithToken } from '../support/sandboxFixtures';

describe('sandbox DocumentReference', () => {
  let sandbox: Sandbox;
  let token: string;
  let r4: string;

  beforeAll(async () => ({ sandbox, token, r4 } = await startWithToken()));
  afterAll(() => sandbox?.close());

  describe('create, conditional create, read and search (in memory)', () => {
    const note = (value: string): DocumentReference => ({
      resourceType: 'DocumentReference',
      status: 'current',
      identifier: [{ system: 'urn:clinic-ivr:call', value }],
      subject: { reference: 'Patient/ana' },
      content: [{ attachment: { contentType: 'text/plain', data: Buffer.from('Caller asked for a refill.').toString('base64') } }],
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

    it('refuses a body that is not a DocumentReference with 400', async () => {
      const response = await post({ resourceType: 'Patient' });

      expect(response.status).toBe(400);
      expect((response.body as { resourceType: string }).resourceType).toBe('OperationOutcome');
    });
  });
});
