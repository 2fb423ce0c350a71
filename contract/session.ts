/**
 * What the bots' code hook and the contact flow tell each other through Lex session attributes:
 * the attribute names, and the values the flow branches on.
 */

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
  /** The appointment list read this call, encrypted: more, repeat and change read from it, not from Epic. */
  appointmentPager: 'appointmentPager',
  /** Index of the first appointment of the page last read (no patient data, so not encrypted). */
  appointmentPage: 'appointmentPage',
  /** Which list "more" and "repeat" are about: one of {@link ACTIVE_LISTS}. */
  activeList: 'activeList',
  /**
   * The Epic id of the appointment the caller wants changed, for the flow to copy into the contact
   * attribute of the same name (the id only: no clinical text) before the scheduling queue.
   */
  appointmentId: 'appointmentId',
  /** Consecutive fallbacks, to offer a person on the second. */
  fallbackCount: 'fallbackCount',
  /** What was said last, for "repeat that". */
  lastPrompt: 'lastPrompt',
  /** Set when the caller said something that sounds like an emergency. */
  emergencyFlag: 'emergencyFlag',
  /**
   * The red flag the caller denied ("I don't have chest pain…") while the code hook waits for the
   * answer to "Are you having chest pain right now?"; removed with the answer.
   */
  emergencyCheck: 'emergencyCheck',
  /** The intent the caller asked for with the denied red flag, served after a plain "no". */
  emergencyResume: 'emergencyResume',
  /**
   * What the caller may have texted to them (an appointment's date, time and address, or "request
   * received"), encrypted and bound to the session and patient; set by the step that offers it.
   */
  textOffer: 'textOffer',
  /** Set while the code hook waits for the yes or no to "Shall I send it?"; removed with the answer. No data. */
  textConfirm: 'textConfirm',
  /**
   * The refill question waiting for the caller's answer: `pick` (which medication) or `confirm`
   * (yes or no to the one named). Removed with the answer.
   */
  refillStep: 'refillStep',
  /** Position in the kept medication list of the medication awaiting the yes or no (no patient data). */
  refillChoice: 'refillChoice',
  /** Positions in the kept list the keys of a `pick` question stand for, comma-separated (key 1 first). */
  refillOptions: 'refillOptions',
  /** Unclear answers to the refill question so far; the second offers a person. */
  refillTries: 'refillTries',
  /** Short opaque keys of the refill requests sent this call, comma-separated: a repeat is not sent twice. */
  refillsFiled: 'refillsFiled',
  /**
   * Set while the code hook waits for the answer to "hear them in English, or a person?" after a page
   * of medications or appointments (`activeList` says which) with instructions only in English: the
   * index of that page's first item in the sealed list (no patient data). Removed with the answer.
   */
  englishChoice: 'englishChoice',
} as const;

/** Values of {@link SESSION_ATTRIBUTES.refillStep}. */
export const REFILL_STEPS = {
  pick: 'pick',
  confirm: 'confirm',
} as const;

/** Values of {@link SESSION_ATTRIBUTES.authResult}. */
export const AUTH_RESULTS = {
  ok: 'ok',
  failed: 'failed',
  locked: 'locked',
  noCallerId: 'noCallerId',
} as const;

/** One of {@link AUTH_RESULTS}. */
export type AuthResult = (typeof AUTH_RESULTS)[keyof typeof AUTH_RESULTS];

/** Values of {@link SESSION_ATTRIBUTES.ivrNext}. */
export const IVR_NEXT = {
  services: 'services',
  transfer: 'transfer',
  record: 'record',
  goodbye: 'goodbye',
  /** The session token was missing, forged or expired: the flow runs PatientAuth again. */
  authenticate: 'authenticate',
  /** The caller wants to cancel or reschedule an appointment: the flow transfers to the scheduling queue. */
  scheduling: 'scheduling',
} as const;

/** One of {@link IVR_NEXT}. */
export type IvrNext = (typeof IVR_NEXT)[keyof typeof IVR_NEXT];

/** Values of {@link SESSION_ATTRIBUTES.activeList}: the list the caller last heard. */
export const ACTIVE_LISTS = {
  medications: 'medications',
  appointments: 'appointments',
} as const;

/** One of {@link ACTIVE_LISTS}. */
export type ActiveList = (typeof ACTIVE_LISTS)[keyof typeof ACTIVE_LISTS];
