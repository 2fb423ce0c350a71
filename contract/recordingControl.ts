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
} as const;

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
