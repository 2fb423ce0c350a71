import { NamedError } from '../runtime/errors';

/**
 * Errors of filing a note: in Epic and to the care team. Messages carry note ids and step names only,
 * never FHIR bodies or patient ids.
 */

/** Base class of every error raised while filing a note or telling the care team. */
export class FilingError extends NamedError {}

/** The care team could not be notified (SNS refused or was unreachable). */
export class NotificationError extends FilingError {}
