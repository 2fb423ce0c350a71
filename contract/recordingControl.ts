/**
 * How the contact flow drives the recording of a message for the care team: what it passes to the
 * capture function, and the answers it branches on.
 */

/**
 * What the contact flow passes to the capture function (`LambdaInvocationAttributes`, read from
 * `Details.Parameters`): the step of the capture, and the session token from the flow attribute.
 */
export const CAPTURE_PARAMETERS = {
  action: 'action',
  sessionToken: 'sessionToken',
  /**
   * The start's language of the message (issue 18): the contact's language, `$.LanguageCode` (Amazon
   * Connect's system attribute "Language", a java.util.Locale such as `en-US`; admin guide, "List of
   * available contact attributes and their JSONPath references"). One of {@link MESSAGE_LANGUAGES};
   * absent or unknown is {@link DEFAULT_MESSAGE_LANGUAGE}.
   */
  language: 'language',
} as const;

/**
 * The languages a recorded message may be in: `en-US` goes through Transcribe Medical and Comprehend
 * Medical (US English only); `es-US` through standard Amazon Transcribe, then Amazon Translate to
 * English for Comprehend Medical (issue 18).
 */
export const MESSAGE_LANGUAGES = ['en-US', 'es-US'] as const;

/** One of {@link MESSAGE_LANGUAGES}. */
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

/** The language of a message whose start named none (and of every job stored before languages existed). */
export const DEFAULT_MESSAGE_LANGUAGE: MessageLanguage = 'en-US';

/** Values of {@link CAPTURE_PARAMETERS.action}: the flow starts the capture, then stops it. */
export const CAPTURE_ACTIONS = {
  start: 'start',
  stop: 'stop',
} as const;

/** One of {@link CAPTURE_ACTIONS}. */
export type CaptureAction = (typeof CAPTURE_ACTIONS)[keyof typeof CAPTURE_ACTIONS];

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
  /** No stream of the caller's audio this deployment may read: media streaming did not start, or the stream is another account's, region's or instance's. */
  noStream: 'noStream',
  /** A stop with no message registered for the call. */
  noCapture: 'noCapture',
  /** Anything unexpected; the flow apologizes and returns to the menu. */
  error: 'error',
} as const;

/** One of {@link CAPTURE_RESULTS}. */
export type CaptureResult = (typeof CAPTURE_RESULTS)[keyof typeof CAPTURE_RESULTS];

/**
 * Key of the stop's answer with the live triage of the message, read by the flow as
 * `$.External.triage` (issue 17): what the red-flag rules made of the live transcript at `#`.
 */
export const CAPTURE_TRIAGE_KEY = 'triage' as const;

/** Values of {@link CAPTURE_TRIAGE_KEY}. */
export const CAPTURE_TRIAGE = {
  /** A red flag was said and not clearly denied: 911 advice, then the urgent (nurse) queue. */
  urgent: 'urgent',
  /** The live transcript holds no red flag, or only denied or long-past ones: as before. */
  routine: 'routine',
  /** No live transcript, a failed one, or none finished within the wait: as before (the pipeline still checks). */
  unknown: 'unknown',
} as const;

/** One of {@link CAPTURE_TRIAGE}. */
export type CaptureTriage = (typeof CAPTURE_TRIAGE)[keyof typeof CAPTURE_TRIAGE];

/**
 * Key of the stop's answer naming the red flag of an urgent message (`$.External.triageFlag`): an id
 * of `RED_FLAG_IDS` (`chest-pain` …), never the caller's words. The flow branches on it to say
 * "You mentioned chest pain."
 */
export const CAPTURE_TRIAGE_FLAG_KEY = 'triageFlag' as const;

/**
 * Key of the stop's answer with the message's id (the note id) for an urgent message
 * (`$.External.messageId`); the flow copies it into the contact attribute
 * {@link URGENT_MESSAGE_ATTRIBUTE} the nurse's agent workspace shows. An id, never content.
 */
export const CAPTURE_MESSAGE_ID_KEY = 'messageId' as const;

/** Contact attribute the flow sets for the nurse on an urgent message: the message's id in the care-team inbox. */
export const URGENT_MESSAGE_ATTRIBUTE = 'messageId' as const;

/**
 * Flow attribute holding the after-hours nurse number (E.164) the flow transfers an urgent caller to
 * when the urgent queue is closed or full; {@link AFTER_HOURS_NUMBER_NOT_SET} when none is configured.
 */
export const AFTER_HOURS_NUMBER_ATTRIBUTE = 'afterHoursNurseNumber' as const;

/** What the flow holds in {@link AFTER_HOURS_NUMBER_ATTRIBUTE} when no after-hours number is set (it starts with no `+`). */
export const AFTER_HOURS_NUMBER_NOT_SET = 'none' as const;
