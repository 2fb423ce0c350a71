import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger of the fulfillment code. Lines carry contact/session ids, intents,
 * outcomes, counts and timings; never names, birth dates, phone numbers, transcripts or FHIR bodies.
 * Level and service name follow `POWERTOOLS_LOG_LEVEL` and `POWERTOOLS_SERVICE_NAME`.
 */
export const logger = new Logger({ serviceName: 'clinic-ivr' });

/**
 * What a background step needs of a logger: {@link logger} fits, and tests pass one that keeps lines.
 * Never pass patient data to it.
 */
export interface StructuredLogger {
  info(message: string, extra: Record<string, unknown>): void;
  warn(message: string, extra: Record<string, unknown>): void;
  error(message: string, extra: Record<string, unknown>): void;
}
