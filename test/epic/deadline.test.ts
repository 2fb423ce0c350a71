/**
 * The caller's deadline in the Epic clients: the FHIR client sends nothing and waits for nothing past
 * it, the token client abandons its POST, and the token cache lets a caller stop waiting without
 * failing the others who share its request.
 */
import type { Patient } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import {
  Deadline,
  EpicDeadlineError,
  FhirClient,
  FhirUnavailableError,
  TokenCache,
  TokenClient,
  type AccessToken,
  type CallOptions,
} from '../../fulfillment/epic';
import { systemClock } from '../../fulfillment/runtime/clock';
import { FakeClock } from '../support/fakeClock';
import { InstantSleepClock, useEpicHarness } from '../support/epicHarness';

const PATIENT: Patient = { resourceType: 'Patient', id: 'pat-deadline', gender: 'female', birthDate: '1950-01-01' };

/** How long `work` took to settle, in milliseconds, and how. */
async function timed(work: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { ms: performance.now() - started, error };
}

describe('FHIR and token clients under a deadline', () => {
  const harness = useEpicHarness({ resources: [PATIENT] });

  /** A FHIR client with instant retry waits (recorded), its token already fetched; `afterEachRequest` is set by the test. */
  async function client() {
    const clock = new InstantSleepClock();
    const hooks = { afterEachRequest: (): void => undefined };
    const fhir = new FhirClient({
      baseUrl: harness.sandbox.fhirR4BaseUrl,
      tokens: harness.gateway().tokens,
      clock,
      random: () => 0.5,
      timeoutMs: 4000,
      onRequest: () => hooks.afterEachRequest(),
    });
    await fhir.capabilities();
    harness.sandbox.resetStats();
    return { fhir, clock, hooks };
  }

  it('does not retry once the deadline has fired', async () => {
    // Prepare: the deadline fires as the first 503 comes back
    const controller = new AbortController();
    const { fhir, clock, hooks } = await client();
    hooks.afterEachRequest = () => controller.abort();
    harness.sandbox.failNextFhir(1, 503);
    // Act
    const failure = fhir.read<Patient>('Patient', PATIENT.id as string, { signal: controller.signal });
    // Assess
    await expect(failure).rejects.toBeInstanceOf(EpicDeadlineError);
    expect(harness.sandbox.stats.fhirRequests).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it('abandons the request in flight when the deadline fires', async () => {
    // Prepare: Epic takes 3 s, the deadline is 200 ms away
    const { fhir } = await client();
    harness.sandbox.setFaults({ fhirLatencyMs: 3000 });
    const deadline = new Deadline(200);
    const timer = setTimeout(() => deadline.expire(), 200);
    // Act
    const { ms, error } = await timed(fhir.read<Patient>('Patient', PATIENT.id as string, { signal: deadline.signal }));
    clearTimeout(timer);
    // Assess
    expect(error).toBeInstanceOf(EpicDeadlineError);
    expect(ms).toBeLessThan(1500);
  });

  it('does not wait for a Retry-After that ends past the deadline', async () => {
    // Prepare: 1 s left, Epic asks for 2 s
    const { fhir, clock } = await client();
    harness.sandbox.failNextFhir(1, 503, 2);
    const { signal } = new Deadline(1000);
    // Act
    const failure = fhir.read<Patient>('Patient', PATIENT.id as string, { signal });
    // Assess: the 503 stands at once, without a wait or a second request
    await expect(failure).rejects.toBeInstanceOf(FhirUnavailableError);
    expect(clock.slept).toEqual([]);
    expect(harness.sandbox.stats.fhirRequests).toBe(1);
  });

  it('still waits for a Retry-After that ends before the deadline', async () => {
    const { fhir, clock } = await client();
    harness.sandbox.failNextFhir(1, 503, 1);
    const { signal } = new Deadline(5000);
    await expect(fhir.read<Patient>('Patient', PATIENT.id as string, { signal })).resolves.toMatchObject({ id: PATIENT.id });
    expect(clock.slept).toEqual([1000]);
  });

  it('sends nothing when the deadline has already passed', async () => {
    const { fhir } = await client();
    const deadline = new Deadline(0);
    deadline.expire();
    await expect(fhir.search<Patient>('Patient', { birthdate: '1950-01-01' }, { signal: deadline.signal })).rejects.toBeInstanceOf(EpicDeadlineError);
    expect(harness.sandbox.stats.fhirRequests).toBe(0);
  });

  it('stops a token request when the deadline fires', async () => {
    // Prepare: a token endpoint that takes 3 s
    harness.sandbox.setFaults({ tokenLatencyMs: 3000 });
    const tokens = new TokenClient({ clientId: harness.clientId, tokenUrl: harness.sandbox.tokenUrl, signer: harness.identity.signer, clock: systemClock });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 200);
    // Act
    const { ms, error } = await timed(tokens.requestToken({ signal: controller.signal }));
    clearTimeout(timer);
    // Assess
    expect(error).toBeInstanceOf(EpicDeadlineError);
    expect(ms).toBeLessThan(1500);
    expect(harness.sandbox.stats.tokensIssued).toBe(0);
  });
});

describe('token cache under a deadline', () => {
  /** A token endpoint that answers when told, and gives up when the cache aborts its request. */
  function heldEndpoint(clock: FakeClock) {
    const requests: AbortSignal[] = [];
    let answer: (() => void) | undefined;
    const fetchToken = ({ signal }: CallOptions): Promise<AccessToken> => {
      requests.push(signal as AbortSignal);
      const number = requests.length;
      return new Promise((resolve, reject) => {
        answer = () => resolve({ accessToken: `token-${number}`, expiresAt: clock.now() + 3_600_000, scope: undefined });
        signal?.addEventListener('abort', () => reject(new EpicDeadlineError()), { once: true });
      });
    };
    return { requests, fetchToken, answer: () => answer?.() };
  }

  it('lets a caller stop at its deadline while the others get the shared token', async () => {
    // Prepare
    const clock = new FakeClock();
    const endpoint = heldEndpoint(clock);
    const cache = new TokenCache({ fetchToken: endpoint.fetchToken, clock });
    const hurried = new AbortController();
    // Act
    const first = cache.getToken({ signal: hurried.signal });
    const second = cache.getToken();
    hurried.abort();
    // Assess
    await expect(first).rejects.toBeInstanceOf(EpicDeadlineError);
    expect(endpoint.requests[0]?.aborted).toBe(false);
    endpoint.answer();
    await expect(second).resolves.toBe('token-1');
    expect(endpoint.requests).toHaveLength(1);
  });

  it('abandons the token request when its only caller passes the deadline, without backing off', async () => {
    // Prepare
    const clock = new FakeClock();
    const endpoint = heldEndpoint(clock);
    const cache = new TokenCache({ fetchToken: endpoint.fetchToken, clock });
    const hurried = new AbortController();
    // Act
    const abandoned = cache.getToken({ signal: hurried.signal });
    hurried.abort();
    await expect(abandoned).rejects.toBeInstanceOf(EpicDeadlineError);
    const next = cache.getToken();
    endpoint.answer();
    // Assess: the request was stopped, and the next caller asks again at once
    expect(endpoint.requests[0]?.aborted).toBe(true);
    await expect(next).resolves.toBe('token-2');
  });
});
