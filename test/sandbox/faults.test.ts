import type { OperationOutcome } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/server';
import { fhirGet as get, startWithClient, startWithToken } from '../support/sandboxFixtures';

describe('sandbox fault injection and stats', () => {
  let sandbox: Sandbox;
  let token: string;
  let r4: string;

  beforeAll(async () => ({ sandbox, token, r4 } = await startWithToken()));
  afterAll(() => sandbox?.close());

  describe('on FHIR requests', () => {
    it('fails the next FHIR requests deterministically with Retry-After, then recovers', async () => {
      sandbox.failNextFhir(2, 503, 7);

      const first = await get<OperationOutcome>(`${r4}/Patient/ana`, token);
      const second = await get(`${r4}/Patient/ana`, token);
      const third = await get(`${r4}/Patient/ana`, token);

      expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
      expect(first.headers.get('retry-after')).toBe('7');
      expect(first.body.issue[0]?.code).toBe('transient');
    });

    it('fails every request at errorRate 1 with the configured status', async () => {
      sandbox.setFaults({ errorRate: 1, errorStatus: 429, retryAfterSeconds: 2 });
      try {
        const response = await get(`${r4}/Patient/ana`, token);

        expect(response.status).toBe(429);
        expect(response.headers.get('retry-after')).toBe('2');
      } finally {
        sandbox.setFaults({});
      }
    });

    it('delays FHIR responses by fhirLatencyMs', async () => {
      sandbox.setFaults({ fhirLatencyMs: 200 });
      try {
        const started = performance.now();

        const response = await get(`${r4}/Patient/ana`, token);

        expect(response.status).toBe(200);
        expect(performance.now() - started).toBeGreaterThanOrEqual(190);
      } finally {
        sandbox.setFaults({});
      }
    });

    it('counts FHIR requests by resource type', async () => {
      sandbox.resetStats();

      await get(`${r4}/Patient/ana`, token);
      await get(`${r4}/Encounter?patient=ana`, token);
      await get(`${r4}/metadata`);

      expect(sandbox.stats.fhirRequests).toBe(3);
      expect(sandbox.stats.fhirRequestsByType).toEqual({ Patient: 1, Encounter: 1, metadata: 1 });
    });
  });
});

describe('sandbox with hangFhir', () => {
  let sandbox: Sandbox;
  let token: string;

  beforeAll(async () => {
    const started = await startWithClient();
    sandbox = started.sandbox;
    token = await started.token();
  });
  afterAll(() => sandbox?.close());

  it('never answers FHIR requests, yet close() finishes promptly', async () => {
    sandbox.setFaults({ hangFhir: true });
    const pending = fetch(`${sandbox.fhirR4BaseUrl}/Patient/ana`, { headers: { authorization: `Bearer ${token}` } }).then(
      () => 'answered',
      () => 'failed',
    );
    const early = await Promise.race([pending, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 300))]);

    const started = performance.now();
    await sandbox.close();
    const closeMs = performance.now() - started;

    expect(early).toBe('still waiting');
    expect(closeMs).toBeLessThan(1000);
    expect(await pending).toBe('failed');
    expect(sandbox.stats.fhirRequestsByType.Patient).toBe(1);
  });
});
