/** The languages of both bots, in the order Lex lists them: en_US first (the simulator and the flow speak it). */

import { EN_US_BOT } from './en_US';
import { ES_US_BOT } from './es_US';
import type { BotLocaleWords } from './types';

export type * from './types';
export { EN_US_BOT } from './en_US';
export { ES_US_BOT } from './es_US';

/** Every locale the bots are built in. */
export const BOT_LOCALES: readonly BotLocaleWords[] = [EN_US_BOT, ES_US_BOT];
