import { createCaptureHandler, type CaptureHandler } from '../../recording/controlHandler';
import { captureDepsFromEnv } from './deps';

/** The Lambda entry point. Configuration and the session key are read at cold start, once. */
export const handler: CaptureHandler = createCaptureHandler(captureDepsFromEnv);
