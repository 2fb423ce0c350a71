/**
 * Names shared by the bot definitions (`bots/`), the fulfillment handler, the contact flows and the
 * tests, so a rename is one edit. Values are what Lex and Connect see.
 */

/** The two Lex V2 bots. */
export const BOT_NAMES = {
  patientAuth: 'PatientAuth',
  patientServices: 'PatientServices',
} as const;

/** The one locale built now; es_US is planned. */
export const LOCALE_ID = 'en_US' as const;

/** Intent names, per bot. */
export const INTENTS = {
  verifyIdentity: 'VerifyIdentity',
  getMedications: 'GetMedications',
  moreItems: 'MoreItems',
  repeatThat: 'RepeatThat',
  recordSymptoms: 'RecordSymptoms',
  help: 'Help',
  talkToSomeone: 'TalkToSomeone',
  goodbye: 'Goodbye',
  fallback: 'FallbackIntent',
} as const;

/** Slot names. */
export const SLOTS = {
  birthDate: 'BirthDate',
  gender: 'Gender',
  firstName: 'FirstName',
  lastName: 'LastName',
} as const;

/** Custom slot type names. */
export const SLOT_TYPES = {
  gender: 'GenderType',
} as const;

/** Session attributes exchanged with the contact flow and kept across turns. */
export const SESSION_ATTRIBUTES = {
  /** Set by the flow from `$.CustomerEndpoint.Address`: Lex does not receive the calling number by itself. */
  callerNumber: 'callerNumber',
  /** Encrypted, authenticated token set by PatientAuth on success (patient id, bound to the Lex session). */
  sessionToken: 'sessionToken',
  /** Outcome of authentication for the flow to branch on. */
  authResult: 'authResult',
  /** What the flow does once the bot closes. */
  ivrNext: 'ivrNext',
  /** Failed identity attempts in this call. */
  authAttempts: 'authAttempts',
  /** The medication list read this call, encrypted: more and repeat read from it, not from Epic. */
  medicationPager: 'medicationPager',
  /** Index of the first medication of the page last read (no patient data, so not encrypted). */
  medicationPage: 'medicationPage',
  /** Consecutive fallbacks, to offer a person on the second. */
  fallbackCount: 'fallbackCount',
  /** What was said last, for "repeat that". */
  lastPrompt: 'lastPrompt',
  /** Set when the caller said something that sounds like an emergency. */
  emergencyFlag: 'emergencyFlag',
} as const;

/** Values of {@link SESSION_ATTRIBUTES.authResult}. */
export const AUTH_RESULTS = {
  ok: 'ok',
  failed: 'failed',
  locked: 'locked',
  noCallerId: 'noCallerId',
} as const;

/** Values of {@link SESSION_ATTRIBUTES.ivrNext}. */
export const IVR_NEXT = {
  services: 'services',
  transfer: 'transfer',
  record: 'record',
  goodbye: 'goodbye',
  /** The session token was missing, forged or expired: the flow runs PatientAuth again. */
  authenticate: 'authenticate',
} as const;

/** Keypad shortcuts announced in the menu. */
export const MENU_KEYS = {
  medications: '1',
  messageForDoctor: '2',
  repeat: '9',
  person: '0',
} as const;

/** Keys for the gender question. */
export const GENDER_KEYS = {
  female: '1',
  male: '2',
  other: '3',
} as const;

export type AuthResult = (typeof AUTH_RESULTS)[keyof typeof AUTH_RESULTS];
export type IvrNext = (typeof IVR_NEXT)[keyof typeof IVR_NEXT];
export type IntentName = (typeof INTENTS)[keyof typeof INTENTS];

/**
 * Values of the Gender slot (the `GenderType` slot type resolves every synonym and key to one of
 * these): the FHIR AdministrativeGender codes, so the fulfillment compares them without mapping.
 */
export const GENDER_VALUES = {
  female: 'female',
  male: 'male',
  other: 'other',
  unknown: 'unknown',
} as const;

/**
 * What the contact flow passes to the capture function (`LambdaInvocationAttributes`, read from
 * `Details.Parameters`): the step of the capture, and the session token from the flow attribute.
 */
export const CAPTURE_PARAMETERS = {
  action: 'action',
  sessionToken: 'sessionToken',
} as const;

/** Values of {@link CAPTURE_PARAMETERS.action}: the flow starts the capture, then stops it. */
export const CAPTURE_ACTIONS = {
  start: 'start',
  stop: 'stop',
} as const;

/** Key of the capture function's answer, read by the flow as `$.External.captureResult`. */
export const CAPTURE_RESULT_KEY = 'captureResult' as const;

/** Values of {@link CAPTURE_RESULT_KEY}: what the flow branches on after each invocation. */
export const CAPTURE_RESULTS = {
  /** The message is registered: the flow listens. */
  started: 'started',
  /** The message is closed and handed to the symptom pipeline. */
  closed: 'closed',
  /** The message is closed and kept, but the hand-off failed: it is retried when the call ends. */
  saved: 'saved',
  /** One message per call: this call already left one. */
  alreadyRecorded: 'alreadyRecorded',
  /** The session token was missing, forged, expired or for another call: verify the caller again. */
  invalidSession: 'invalidSession',
  /** Connect reported no stream of the caller's audio (media streaming did not start). */
  noStream: 'noStream',
  /** A stop with no message registered for the call. */
  noCapture: 'noCapture',
  /** Anything unexpected; the flow apologizes and returns to the menu. */
  error: 'error',
} as const;

export type CaptureAction = (typeof CAPTURE_ACTIONS)[keyof typeof CAPTURE_ACTIONS];
export type CaptureResult = (typeof CAPTURE_RESULTS)[keyof typeof CAPTURE_RESULTS];
