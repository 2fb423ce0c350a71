/**
 * The Lex V2 bots of the clinic IVR, defined once as code: the definitions, the model they are
 * written in, and the writer of the Lex import zip.
 */

import { patientAuthBot } from './PatientAuth';
import { patientServicesBot } from './PatientServices';
import type { BotDefinition, BotOptions } from './types';

export type * from './types';
export type * from './lexJson';
export { patientAuthBot } from './PatientAuth';
export { patientServicesBot } from './PatientServices';
export { BOT_LOCALES, EN_US_BOT, ES_US_BOT, type BotLocaleWords, type MenuIntentKey } from './locales';
export { BOT_MANIFEST, buildBotImportFiles, buildBotImportZip, promptAttemptNames } from './importZip';
export { normalizeUtterance, slotReferences, validateBot } from './validate';

/** Both bots, PatientAuth first (the order a call meets them). */
export function ALL_BOTS(options: BotOptions): readonly BotDefinition[] {
  return [patientAuthBot(options), patientServicesBot()];
}
