/**
 * Checks a bot definition against the Lex V2 rules an import or a CloudFormation deploy would
 * otherwise reject late (or, for shared utterances, accept and then misroute calls).
 */

import type { BotDefinition, BotLocaleDefinition, IntentDefinition, MessageDefinition, SlotDefinition } from './types';

/** Lex V2 name pattern for bots, intents, slots and slot types (CreateBot/CreateIntent/CreateSlot). */
const LEX_NAME = /^([0-9a-zA-Z][_-]?){1,100}$/;

/** Keys Lex accepts as DTMF deletion and end characters (`DTMFSpecification`). */
const DTMF_KEY = /^[A-D0-9#*]$/;

/** Lex allows at most five message groups per prompt or response, and five retries. */
const MAX_MESSAGE_GROUPS = 5;
const MAX_RETRIES = 5;

/** Lex bounds, in seconds, of fulfillment update delays, frequencies and timeouts. */
const MAX_UPDATE_SECONDS = 900;

/**
 * An utterance as Lex compares it: case, punctuation and spacing do not tell two apart. Accents are
 * folded too ("más" and "mas" count as one), which is stricter than Lex may be: a pair it reports is
 * at worst a near-duplicate worth removing, while letters outside a-z are never dropped.
 */
export function normalizeUtterance(utterance: string): string {
  return utterance
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}{}' ]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Names of the slots an utterance refers to with `{Slot}`. */
export function slotReferences(utterance: string): readonly string[] {
  return [...utterance.matchAll(/\{([^}]*)\}/g)].map((match) => match[1] ?? '');
}

/** Duplicates in a list, once each. */
function duplicates(values: readonly string[]): readonly string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) repeated.add(value);
    seen.add(value);
  }
  return [...repeated];
}

function messagesProblems(where: string, messages: readonly MessageDefinition[], max: number): string[] {
  const problems: string[] = [];
  if (messages.length === 0 || messages.length > Math.min(max, MAX_MESSAGE_GROUPS)) {
    problems.push(`${where}: ${messages.length} messages, expected 1 to ${Math.min(max, MAX_MESSAGE_GROUPS)}`);
  }
  for (const message of messages) {
    if ('ssml' in message && !/^<speak>[\s\S]*<\/speak>$/.test(message.ssml)) {
      problems.push(`${where}: SSML must be wrapped in <speak>`);
    }
  }
  return problems;
}

function slotProblems(where: string, slot: SlotDefinition, locale: BotLocaleDefinition): string[] {
  const problems: string[] = [];
  if (!LEX_NAME.test(slot.name)) problems.push(`${where}: invalid slot name`);
  const customType = locale.slotTypes.some((type) => type.name === slot.slotTypeName);
  if (!slot.slotTypeName.startsWith('AMAZON.') && !customType) {
    problems.push(`${where}: slot type ${slot.slotTypeName} is neither built-in nor defined in the locale`);
  }
  if (slot.maxRetries < 0 || slot.maxRetries > MAX_RETRIES) problems.push(`${where}: maxRetries out of 0-5`);
  problems.push(...messagesProblems(`${where} prompts`, slot.prompts, slot.maxRetries + 1));
  const { input } = slot;
  if (!input.allowAudioInput && !input.allowDtmfInput) problems.push(`${where}: accepts neither voice nor keys`);
  if (input.allowDtmfInput !== (input.dtmf !== undefined)) {
    problems.push(`${where}: keypad settings must be given exactly when keypad input is allowed`);
  }
  if (input.dtmf !== undefined) {
    const { dtmf } = input;
    if (dtmf.maxLength < 1 || dtmf.maxLength > 1024) problems.push(`${where}: DTMF maxLength out of 1-1024`);
    if (!DTMF_KEY.test(dtmf.deletionCharacter) || !DTMF_KEY.test(dtmf.endCharacter)) {
      problems.push(`${where}: DTMF deletion and end characters must be keypad keys`);
    }
    if (dtmf.deletionCharacter === dtmf.endCharacter) problems.push(`${where}: DTMF deletion and end keys are the same`);
  }
  for (const utterance of slot.sampleUtterances ?? []) {
    if (slotReferences(utterance).some((name) => name !== slot.name)) {
      problems.push(`${where}: slot utterance "${utterance}" refers to another slot`);
    }
  }
  return problems;
}

function intentProblems(where: string, intent: IntentDefinition, locale: BotLocaleDefinition): string[] {
  const problems: string[] = [];
  if (!LEX_NAME.test(intent.name)) problems.push(`${where}: invalid intent name`);
  const isFallback = intent.parentIntentSignature === 'AMAZON.FallbackIntent';
  if (isFallback && intent.sampleUtterances.length > 0) problems.push(`${where}: the fallback intent takes no utterances`);
  if (!isFallback && intent.sampleUtterances.length === 0) problems.push(`${where}: no sample utterances`);
  const slotNames = intent.slots.map((slot) => slot.name);
  for (const name of duplicates(slotNames)) problems.push(`${where}: slot ${name} defined twice`);
  for (const utterance of intent.sampleUtterances) {
    for (const name of slotReferences(utterance)) {
      if (!slotNames.includes(name)) problems.push(`${where}: utterance "${utterance}" refers to missing slot ${name}`);
    }
  }
  for (const name of duplicates(intent.sampleUtterances.map(normalizeUtterance))) {
    problems.push(`${where}: utterance "${name}" listed twice`);
  }
  for (const slot of intent.slots) {
    problems.push(...slotProblems(`${where}/${slot.name}`, slot, locale));
    // The per-attempt hook calls the intent's dialog code hook: without one there is nothing to call.
    if (slot.codeHookOnEveryAttempt && !intent.dialogCodeHookEnabled) {
      problems.push(`${where}/${slot.name}: calls the code hook on every attempt, but the intent's dialog code hook is off`);
    }
  }
  const updates = intent.fulfillment.updates;
  if (updates !== undefined) {
    const seconds = [updates.startDelaySeconds, updates.updateFrequencySeconds, updates.timeoutSeconds];
    if (seconds.some((value) => value < 1 || value > MAX_UPDATE_SECONDS)) {
      problems.push(`${where}: fulfillment update seconds out of 1-${MAX_UPDATE_SECONDS}`);
    }
    problems.push(...messagesProblems(`${where} start messages`, updates.startMessages, MAX_MESSAGE_GROUPS));
    problems.push(...messagesProblems(`${where} update messages`, updates.updateMessages, MAX_MESSAGE_GROUPS));
  }
  return problems;
}

function localeProblems(where: string, locale: BotLocaleDefinition): string[] {
  const problems: string[] = [];
  if (!locale.intents.some((intent) => intent.parentIntentSignature === 'AMAZON.FallbackIntent')) {
    problems.push(`${where}: Lex requires an AMAZON.FallbackIntent`);
  }
  for (const name of duplicates(locale.intents.map((intent) => intent.name))) problems.push(`${where}: intent ${name} defined twice`);
  for (const name of duplicates(locale.slotTypes.map((type) => type.name))) problems.push(`${where}: slot type ${name} defined twice`);
  // An utterance in two intents makes Lex pick one of them unpredictably.
  const owners = locale.intents.flatMap((intent) => [...new Set(intent.sampleUtterances.map(normalizeUtterance))]);
  for (const utterance of duplicates(owners)) problems.push(`${where}: utterance "${utterance}" belongs to two intents`);
  for (const type of locale.slotTypes) {
    if (!LEX_NAME.test(type.name)) problems.push(`${where}/${type.name}: invalid slot type name`);
    const words = type.values.flatMap((value) => [...new Set([value.value, ...value.synonyms].map(normalizeUtterance))]);
    for (const word of duplicates(words)) problems.push(`${where}/${type.name}: "${word}" means two values`);
  }
  for (const intent of locale.intents) problems.push(...intentProblems(`${where}/${intent.name}`, intent, locale));
  return problems;
}

/** Everything in `bot` that Lex would reject or misroute; empty when the bot is sound. */
export function validateBot(bot: BotDefinition): readonly string[] {
  const problems: string[] = [];
  if (!LEX_NAME.test(bot.name)) problems.push(`${bot.name}: invalid bot name`);
  if (bot.locales.length === 0) problems.push(`${bot.name}: no locale`);
  for (const id of duplicates(bot.locales.map((locale) => locale.localeId))) problems.push(`${bot.name}: locale ${id} twice`);
  for (const locale of bot.locales) problems.push(...localeProblems(`${bot.name}/${locale.localeId}`, locale));
  return problems;
}
