/**
 * Lex messages from the prompt catalog (`prompts/`): the bots hold no words of their own. Plain
 * words and keys become a plain-text message; a keypad example becomes SSML, the one place a Lex
 * prompt needs a pause and digits read one by one.
 */

import { LOCALE_ID } from '../contract';
import { CATALOGS, plainText, type KeyedText, type KeypadExample, type SlotPrompt } from '../prompts';
import type { MessageDefinition } from './types';

/** The words of the bots' first locale (en_US); every locale's words are in `locales/` with its catalog. */
export const BOT_WORDS = CATALOGS[LOCALE_ID];

/** Pause between a keypad instruction and its example, so the instruction lands before the digits. */
const EXAMPLE_PAUSE_MS = 500;

/** Escapes what XML text content cannot hold; quotes and apostrophes are valid there and stay. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** SSML body of words with keys: each key read as digits. */
function ssmlBody(text: KeyedText): string {
  return text.parts
    .map((part) => (typeof part === 'string' ? escapeText(part) : `<say-as interpret-as="digits">${escapeText(part.key)}</say-as>`))
    .join('');
}

/** Whether a slot prompt is a keypad example (instruction, pause, example). */
function isKeypadExample(prompt: SlotPrompt): prompt is KeypadExample {
  return typeof prompt !== 'string' && 'instruction' in prompt;
}

/**
 * The Lex message of one catalog prompt.
 *
 * @example
 * message(BOT_WORDS.waiting.lookingUp); // { text: 'One moment while I look that up.' }
 */
export function message(prompt: SlotPrompt): MessageDefinition {
  if (!isKeypadExample(prompt)) return { text: plainText(prompt) };
  const instruction = escapeText(prompt.instruction);
  return { ssml: `<speak>${instruction}<break time="${EXAMPLE_PAUSE_MS}ms"/> ${ssmlBody(prompt.example)}</speak>` };
}

/** The Lex messages of a slot's prompts, in order. */
export function messages(prompts: readonly SlotPrompt[]): readonly MessageDefinition[] {
  return prompts.map(message);
}
