import { InvalidContactIdError } from '../errors';
import { CONTACT_ID_PATTERN, RECORDING_KEY_PREFIX } from './constants';

/**
 * The object key of a contact's recording, `recordings/<contactId>.wav`. The id must be a UUID (as
 * Connect's are), so no id can climb out of the prefix (`../`) or name another object.
 *
 * @example
 * recordingKey('6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f'); // 'recordings/6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f.wav'
 * @throws InvalidContactIdError for anything that is not a UUID.
 */
export function recordingKey(contactId: string): string {
  return `${RECORDING_KEY_PREFIX}${recordingFileName(contactId)}`;
}

/**
 * The file name of a contact's recording, `<contactId>.wav` (lower-cased: one contact, one object).
 * @throws InvalidContactIdError for anything that is not a UUID.
 */
export function recordingFileName(contactId: string): string {
  if (!CONTACT_ID_PATTERN.test(contactId)) throw new InvalidContactIdError('The contact id is not a UUID');
  return `${contactId.toLowerCase()}.wav`;
}
