import { APPOINTMENT_SEARCH_INCLUDES } from './appointments';
import { ASSERTION_ALGORITHMS } from './assertion';
import { GRANTED_SCOPE } from './oauth';
import type { FhirRelease } from './stu3';

/** Search parameters served per resource type, with their FHIR search types. */
export const SEARCH_PARAMS: Record<string, readonly (readonly [name: string, type: string])[]> = {
  Patient: [
    ['_id', 'token'],
    ['identifier', 'token'],
    ['birthdate', 'date'],
    ['gender', 'token'],
    ['legal-sex', 'token'],
    ['telecom', 'token'],
    ['phone', 'token'],
    ['email', 'token'],
    ['family', 'string'],
    ['given', 'string'],
  ],
  MedicationRequest: [
    ['_id', 'token'],
    ['patient', 'reference'],
    ['subject', 'reference'],
    ['status', 'token'],
  ],
  MedicationStatement: [
    ['_id', 'token'],
    ['patient', 'reference'],
    ['subject', 'reference'],
    ['status', 'token'],
  ],
  Encounter: [
    ['_id', 'token'],
    ['patient', 'reference'],
    ['subject', 'reference'],
  ],
  DocumentReference: [
    ['_id', 'token'],
    ['patient', 'reference'],
    ['subject', 'reference'],
    ['identifier', 'token'],
  ],
  Appointment: [
    ['_id', 'token'],
    ['patient', 'reference'],
    ['date', 'date'],
    ['status', 'token'],
    ['service-category', 'token'],
  ],
  // Read only: what an Appointment's `_include` brings along.
  Practitioner: [],
  Location: [],
  // `Medication?_id=a,b,c`: a client that cannot `_include` reads the referenced drugs in one batch.
  Medication: [['_id', 'token']],
};

/** Interactions per resource type beyond `read`. */
const EXTRA_INTERACTIONS: Record<string, readonly string[]> = {
  Practitioner: [],
  Location: [],
  Medication: ['search-type'],
  DocumentReference: ['search-type', 'create'],
};

/** `_include` values accepted per resource type. */
export const SEARCH_INCLUDES: Record<string, readonly string[]> = {
  MedicationRequest: ['MedicationRequest:medication'],
  MedicationStatement: ['MedicationStatement:medication'],
  Appointment: [...APPOINTMENT_SEARCH_INCLUDES],
};

/** The CapabilityStatement at `[base]/metadata`, with the SMART `oauth-uris` extension Epic publishes. */
export function capabilityStatement(release: FhirRelease, base: string, tokenUrl: string): Record<string, unknown> {
  const stu3 = release === 'STU3';
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: new Date().toISOString(),
    publisher: 'Clinic IVR Epic-like sandbox',
    kind: 'instance',
    software: { name: 'clinic-ivr-sandbox' },
    implementation: { description: `Epic-like FHIR ${release} sandbox (loopback only)`, url: base },
    fhirVersion: stu3 ? '3.0.2' : '4.0.1',
    ...(stu3 ? { acceptUnknown: 'no' } : {}),
    format: stu3 ? ['application/fhir+json'] : ['json', 'application/fhir+json'],
    rest: [
      {
        mode: 'server',
        security: {
          extension: [
            {
              url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris',
              extension: [{ url: 'token', valueUri: tokenUrl }],
            },
          ],
          service: [
            {
              coding: [
                {
                  system: stu3
                    ? 'http://hl7.org/fhir/restful-security-service'
                    : 'http://terminology.hl7.org/CodeSystem/restful-security-service',
                  code: 'SMART-on-FHIR',
                },
              ],
            },
          ],
        },
        resource: Object.entries(SEARCH_PARAMS).map(([type, params]) => ({
          type,
          interaction: [
            { code: 'read' },
            ...(EXTRA_INTERACTIONS[type] ?? ['search-type']).map((code) => ({ code })),
          ],
          ...(SEARCH_INCLUDES[type] ? { searchInclude: SEARCH_INCLUDES[type] } : {}),
          ...(params.length > 0 ? { searchParam: params.map(([name, type]) => ({ name, type })) } : {}),
        })),
      },
    ],
  };
}

/** `[base]/.well-known/smart-configuration`, the discovery document SMART Backend Services clients read. */
export function smartConfiguration(tokenUrl: string): Record<string, unknown> {
  return {
    token_endpoint: tokenUrl,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: [...ASSERTION_ALGORITHMS],
    scopes_supported: GRANTED_SCOPE.split(' '),
    capabilities: ['client-confidential-asymmetric'],
  };
}
