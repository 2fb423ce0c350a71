/**
 * Every word a caller hears, one catalog per locale. `bots/` reads the prompts Lex plays itself;
 * the dialog (`fulfillment/dialog/phrases.ts`) reads what the code hook says. A new locale is one
 * more file exporting a {@link PromptCatalog} and one more row of {@link CATALOGS}.
 */

import { ES_LOCALE_ID, LOCALE_ID } from '../contract';
import { EN_US } from './en_US';
import { ES_US } from './es_US';
import type { PromptCatalog } from './types';

export type * from './types';
export { isKeyed, key, keyed, plainText } from './keyed';
export { EN_US } from './en_US';
export { ES_US } from './es_US';

/**
 * The catalog of each locale the bots are built in, by Lex locale id.
 *
 * @example
 * CATALOGS[LOCALE_ID].menu.goodbye; // 'Thank you for calling. Take care. Goodbye.'
 */
export const CATALOGS: Readonly<Record<typeof LOCALE_ID | typeof ES_LOCALE_ID, PromptCatalog>> = {
  [LOCALE_ID]: EN_US,
  [ES_LOCALE_ID]: ES_US,
};
