import { generateSessionKey } from '../../fulfillment/session';

/**
 * The fewest variables `loadConfig` accepts outside Lambda: Epic's client, token URL and FHIR base,
 * the signing key id and a fresh session key. Tests add or override what they are about.
 *
 * @example
 * const config = loadConfig({ ...minimalEnv(), SYMPTOM_NOTE_RETENTION_DAYS: '7' });
 */
export function minimalEnv(): Record<string, string> {
  return {
    EPIC_CLIENT_ID: 'client-1',
    EPIC_TOKEN_URL: 'https://fhir.epic.com/interconnect-fhir-oauth/oauth2/token',
    EPIC_FHIR_BASE_URL: 'https://fhir.epic.com/interconnect-fhir-oauth/api/FHIR/R4',
    SIGNING_KMS_KEY_ID: 'alias/epic-signing',
    SESSION_KEY: generateSessionKey(),
  };
}
