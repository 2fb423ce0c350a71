import { randomUUID } from 'node:crypto';
import type { Bundle, Encounter, Medication, MedicationRequest, Patient, Resource } from '@medplum/fhirtypes';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** A signing key and the public JWK a client would register (kid = RFC 7638 thumbprint). */
export interface TestKey {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly kid: string;
}

/** Generates an RS384 or ES384 key pair with its public JWK. */
export async function testKey(alg: 'RS384' | 'ES384' | 'RS256' = 'RS384'): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { privateKey, publicJwk: { ...jwk, kid, alg, use: 'sig' }, kid };
}

/** What a hand-built assertion may vary. */
export interface AssertionSpec {
  readonly clientId: string;
  readonly audience: string;
  readonly key: CryptoKey | Uint8Array;
  readonly kid: string;
  readonly alg?: string;
  /** Claims merged over the defaults; `undefined` values remove a default claim. */
  readonly claims?: Record<string, unknown>;
}

/** Signs a client assertion by hand, defaulting to a valid one (exp in 4 minutes, fresh jti). */
export async function signAssertion(spec: AssertionSpec): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: spec.clientId,
    sub: spec.clientId,
    aud: spec.audience,
    jti: randomUUID(),
    iat: now,
    nbf: now,
    exp: now + 240,
    ...spec.claims,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return new SignJWT(claims as JWTPayload).setProtectedHeader({ alg: spec.alg ?? 'RS384', typ: 'JWT', kid: spec.kid }).sign(spec.key);
}

/** The response of a token request: status, parsed JSON body and headers. */
export interface TokenResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Headers;
}

/** POSTs a client-credentials token request with `assertion`; `overrides` replace form fields. */
export async function requestToken(tokenUrl: string, assertion: string, overrides: Record<string, string> = {}): Promise<TokenResponse> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    ...overrides,
  });
  const response = await fetch(tokenUrl, { method: 'POST', body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

const patient = (id: string, given: string, family: string, gender: Patient['gender'], birthDate: string, phone: string): Patient => ({
  resourceType: 'Patient',
  id,
  identifier: [{ system: 'urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14', value: `MRN-${id}` }],
  active: true,
  name: [{ use: 'official', family, given: [given] }],
  gender,
  birthDate,
  telecom: [{ system: 'phone', value: phone, use: 'mobile' }],
});

const request = (id: string, patientId: string, status: MedicationRequest['status'], medication: Partial<MedicationRequest>): MedicationRequest => ({
  resourceType: 'MedicationRequest',
  id,
  status,
  intent: 'order',
  subject: { reference: `Patient/${patientId}` },
  authoredOn: '2025-03-01',
  dosageInstruction: [
    { text: 'Take 1 tablet by mouth daily', doseAndRate: [{ doseQuantity: { value: 20, unit: 'mg' } }] },
  ],
  ...medication,
});

/** Standalone Medication referenced by several orders. */
export const ATORVASTATIN: Medication = {
  resourceType: 'Medication',
  id: 'med-atorvastatin',
  code: { text: 'atorvastatin 20 MG Oral Tablet' },
};

/**
 * A small chart set: Ana (two active orders, one stopped, an encounter), Cara (same last seven phone
 * digits as Ana, other area code, same birth date) and Ben (twelve active orders, for paging).
 */
export function fixtureResources(): Resource[] {
  const ben = Array.from({ length: 12 }, (_, index) =>
    request(`mr-ben-${String(index + 1).padStart(2, '0')}`, 'ben', 'active', index % 2 === 0
      ? { medicationReference: { reference: 'Medication/med-atorvastatin', display: 'atorvastatin' } }
      : { medicationCodeableConcept: { text: `drug ${index + 1}` } }),
  );
  const encounter: Encounter = { resourceType: 'Encounter', id: 'enc-ana-1', status: 'finished', class: { code: 'AMB' }, subject: { reference: 'Patient/ana' } };
  return [
    patient('ana', 'Ana', 'López', 'female', '1980-04-12', '(608) 555-0142'),
    patient('cara', 'Cara', 'Diaz', 'female', '1980-04-12', '+1 312 555 0142'),
    patient('ben', 'Ben', 'Okafor', 'male', '1975-01-02', '414-555-0199'),
    ATORVASTATIN,
    request('mr-ana-1', 'ana', 'active', { medicationReference: { reference: 'Medication/med-atorvastatin', display: 'atorvastatin' } }),
    request('mr-ana-2', 'ana', 'active', {
      contained: [{ resourceType: 'Medication', id: 'm1', code: { text: 'metformin 500 MG Oral Tablet' } }],
      medicationReference: { reference: '#m1' },
    }),
    request('mr-ana-3', 'ana', 'stopped', { medicationCodeableConcept: { text: 'lisinopril 10 MG Oral Tablet' } }),
    encounter,
    ...ben,
  ];
}

/** A sandbox over {@link fixtureResources} with one registered client, plus a way to get tokens. */
export async function startWithClient(options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; token: () => Promise<string> }> {
  const clientId = 'ivr-fhir-test';
  const key = await testKey('RS384');
  const sandbox = await startSandbox({
    resources: fixtureResources(),
    clients: [{ clientId, jwks: { keys: [key.publicJwk] } }],
    ...options,
  });
  const token = async () => {
    const assertion = await signAssertion({ clientId, audience: sandbox.tokenUrl, key: key.privateKey, kid: key.kid });
    const response = await requestToken(sandbox.tokenUrl, assertion);
    return String(response.body.access_token);
  };
  return { sandbox, token };
}

/** A started sandbox with a token already fetched, and its R4 base URL. */
export interface SandboxWithToken {
  readonly sandbox: Sandbox;
  readonly token: string;
  readonly r4: string;
}

/**
 * {@link startWithClient}, then one token and the R4 base: what most sandbox API tests start from.
 *
 * @example
 * beforeAll(async () => ({ sandbox, token, r4 } = await startWithToken()));
 */
export async function startWithToken(options: SandboxOptions = {}): Promise<SandboxWithToken> {
  const { sandbox, token } = await startWithClient(options);
  return { sandbox, token: await token(), r4: sandbox.fhirR4BaseUrl };
}

/** Status, parsed body (undefined when empty) and headers of a FHIR response. */
export interface FhirResponse<T> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** Sends a FHIR request (GET unless `init` says otherwise), with a bearer token when given. */
export async function fhirGet<T = Bundle>(url: string, token?: string, init: RequestInit = {}): Promise<FhirResponse<T>> {
  const response = await fetch(url, {
    ...init,
    headers: {
      accept: 'application/fhir+json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, headers: response.headers };
}

/** Ids of the searchset entries with search mode `mode`, in order. */
export function entryIds(bundle: Bundle, mode: 'match' | 'include' = 'match'): (string | undefined)[] {
  return (bundle.entry ?? []).filter((entry) => entry.search?.mode === mode).map((entry) => entry.resource?.id);
}
