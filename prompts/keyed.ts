/**
 * Writing words with keypad keys in them, once, for both renderings: Lex's plain-text prompts
 * (`plainText`) and the dialog's speech, where each key is read digit by digit.
 */

import type { KeyMark, KeyedText, Spoken } from './types';

/**
 * Marks `value` as a keypad key inside a {@link keyed} sentence.
 *
 * @example
 * keyed`press ${key(MENU_KEYS.person)} for a person`;
 */
export function key(value: string): KeyMark {
  return { key: value };
}

/** Whether `value` is words with keys (as opposed to plain words). */
export function isKeyed(value: Spoken): value is KeyedText {
  return typeof value !== 'string';
}

/**
 * A sentence with keys in it. Interpolated strings and numbers are words, {@link key} marks a key,
 * and another keyed text is inlined, so a shared fragment is written once.
 *
 * @example
 * const pressForGender = keyed`press ${key(GENDER_KEYS.female)} for female`;
 * keyed`Please ${pressForGender}.`; // plainText: 'Please press 1 for female.'
 */
export function keyed(strings: TemplateStringsArray, ...values: readonly (string | number | KeyMark | KeyedText)[]): KeyedText {
  const parts: (string | KeyMark)[] = [];
  const add = (part: string | KeyMark): void => {
    const last = parts[parts.length - 1];
    if (typeof part !== 'string') parts.push(part);
    else if (part === '') return;
    else if (typeof last === 'string') parts[parts.length - 1] = last + part;
    else parts.push(part);
  };
  strings.forEach((text, index) => {
    add(text);
    if (index >= values.length) return;
    const value = values[index] as string | number | KeyMark | KeyedText;
    if (typeof value === 'string' || typeof value === 'number') add(String(value));
    else if ('parts' in value) value.parts.forEach(add);
    else add(value);
  });
  return { parts };
}

/**
 * The words as written, keys as typed: what Lex shows or speaks from a plain-text message.
 *
 * @example
 * plainText(keyed`press ${key('0')}.`); // 'press 0.'
 */
export function plainText(value: Spoken): string {
  if (!isKeyed(value)) return value;
  return value.parts.map((part) => (typeof part === 'string' ? part : part.key)).join('');
}
