import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger of the fulfillment code. Lines carry contact/session ids, intents,
 * outcomes, counts and timings; never names, birth dates, phone numbers, transcripts or FHIR bodies.
 * Level and service name follow `POWERTOOLS_LOG_LEVEL` and `POWERTOOLS_SERVICE_NAME`.
 */
export const logger = new Logger({ serviceName: 'clinic-ivr' });
