/**
 * Keypad keys the caller is told to press. The prompts announce them, the bots accept them (a
 * pressed key reaches Lex as text, `"1"`), and the fulfillment reads them: one definition for all.
 */

import type { LocaleId } from './bots';

/**
 * Keypad shortcuts of the menu, announced on request (help) or after a turn that was not understood.
 *
 * @example
 * MENU_KEYS.person; // '0'
 */
export const MENU_KEYS = {
  medications: '1',
  messageForDoctor: '2',
  appointments: '3',
  refills: '4',
  repeat: '9',
  person: '0',
} as const;

/** Keys for the gender question. */
export const GENDER_KEYS = {
  female: '1',
  male: '2',
  other: '3',
} as const;

/**
 * Keys for a yes/no question of the code hook (a refill request's confirmation). Asked only while
 * such a question waits, so they do not clash with the menu's keys.
 */
export const CONFIRM_KEYS = {
  yes: '1',
  no: '2',
} as const;

/**
 * Keys for picking one of a short list just read (a refill's medication: "for albuterol, press 1"),
 * in order. Asked only while such a question waits, so they do not clash with the menu's keys.
 */
export const CHOICE_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * Keys for the choice a caller is offered when a medication's instructions exist only in English
 * (the caller speaks another language): hear them in English, or talk with a person. Asked only
 * while such a question waits, so they do not clash with the menu's keys.
 *
 * @example
 * ENGLISH_INSTRUCTIONS_KEYS.english; // '1'
 */
export const ENGLISH_INSTRUCTIONS_KEYS = {
  english: '1',
  person: '2',
} as const;

/**
 * The key that chooses each language at the very start of a call (issue 18), by Lex locale: the
 * greeting of an English line offers Spanish ("Para español, oprima 2"), the greeting of a Spanish
 * line offers English ("For English, press 1"). Asked only while the greeting waits, before any bot
 * listens.
 *
 * @example
 * LANGUAGE_KEYS.es_US; // '2'
 */
export const LANGUAGE_KEYS = {
  en_US: '1',
  es_US: '2',
} as const satisfies Readonly<Record<LocaleId, string>>;
