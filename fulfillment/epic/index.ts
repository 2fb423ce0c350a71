export { buildJwks, publicKeyFromSpkiDer, rsaPublicKeyToJwk, type Jwks } from './jwks';
export { APPOINTMENT_INCLUDES, AppointmentIncludeSupport, UPCOMING_STATUSES, upcomingAppointments, type UpcomingAppointmentsOptions } from './appointments';
export {
  createClientAssertion,
  DEFAULT_ASSERTION_LIFETIME_SECONDS,
  MAX_ASSERTION_LIFETIME_SECONDS,
  MAX_JTI_LENGTH,
  type ClientAssertionClaims,
  type ClientAssertionInput,
} from './clientAssertion';
export { FhirChartWriter, identifierToken, ifNoneExistIdentifier } from './chartWriter';
export { Deadline, remainingMs, throwIfPastDeadline, untilDeadline, type CallOptions } from './deadline';
export { createEpicGateway, createSigner, EpicGateway, type EpicGatewayDeps, type GatewayLogger } from './epicGateway';
export * from './errors';
export { FhirClient, type CreateResult, type FhirClientOptions, type FhirRequestEvent, type FhirSearchParams, type FhirVersion } from './fhirClient';
export { KMS_RAW_MESSAGE_LIMIT, KMS_SIGNING_ALGORITHM, KmsSigner, type KmsSignerOptions } from './kmsSigner';
export { LocalSigner } from './localSigner';
export { structuredDosage, type CodedText, type DoseQuantity, type StructuredDosage } from './dosage';
export { activeMedications, IncludeSupport, UNNAMED_MEDICATION, type ActiveMedicationsOptions, type MedicationList, type MedicationSummary } from './medications';
export {
  findPatient,
  isSearchableName,
  patientSearchParams,
  sameName,
  type AdministrativeGender,
  type PatientMatch,
  type PatientMatchOptions,
  type PatientQuery,
  type PatientSearchStrategy,
} from './patientMatch';
export type {
  Appointment,
  AppointmentReader,
  ChartEncounter,
  ChartIdentifier,
  ChartPatient,
  ChartWriter,
  CreatedDocument,
  EncounterReader,
  MedicationReader,
  PatientDirectory,
  PatientSummaryReader,
} from './ports';
export { MAX_SUMMARY_IDS, MultiIdSupport, patientSummaries, type PatientSummariesOptions } from './patientSummaries';
export { recentEncounters, type RecentEncountersOptions } from './encounters';
export {
  probePatientSearch,
  recommendedStrategy,
  UNMATCHABLE_QUERY,
  type PatientSearchProbe,
  type PatientSearchProbeOptions,
} from './patientSearchProbe';
export { nationalDigits, requireE164, toE164, type E164 } from './phone';
export { DEFAULT_RETRY_POLICY, parseRetryAfterMs, RETRYABLE_STATUSES, retryDelayMs, type RetryPolicy } from './retryPolicy';
export { SIGNING_ALG, type Signer } from './signer';
export { TokenCache, type TokenCacheOptions, type TokenSource } from './tokenCache';
export { JWT_BEARER_ASSERTION_TYPE, TokenClient, type AccessToken, type TokenClientOptions } from './tokenClient';
