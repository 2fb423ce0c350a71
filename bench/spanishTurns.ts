import type { LexV2Result } from 'aws-lambda';
import { ES_LOCALE_ID } from '../contract';

/**
 * Spanish turns for the dialog benchmark. The simulator plays its calls in en_US, so the benchmark
 * records the Lex events of English calls and speaks them again in es_US: the bot's locale, and
 * each caller line as a Spanish-speaking caller says it (the es_US utterances of `bots/locales/es_US.ts`).
 * Keys and spelled letters stay as they are. Once the simulator plays calls in es_US itself, the
 * benchmark can record Spanish calls directly.
 */

/** Each English caller line of the benchmark's calls, as said in Spanish. */
export const SPANISH_LINES: Readonly<Record<string, string>> = {
  'March 14, 1948': '14 de marzo de 1948',
  female: 'femenino',
  'when is my next appointment': 'cuándo es mi próxima cita',
  more: 'más',
  'change the second one': 'cambiar la segunda',
  'what are my options': 'cuáles son mis opciones',
  'the blue one please': 'la azul por favor',
  goodbye: 'adiós',
};

/**
 * The menu call's lines after verification: the options, a line the bot cannot place, goodbye. With
 * the appointments call, the Spanish turns measured are verification, menu and appointments.
 */
export const MENU_CALL_LINES: readonly string[] = ['what are my options', 'the blue one please', 'goodbye'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function said(text: unknown): unknown {
  return typeof text === 'string' ? (SPANISH_LINES[text] ?? text) : text;
}

function sayInSpanish(slots: unknown): void {
  if (!isObject(slots)) return;
  for (const slot of Object.values(slots)) {
    if (isObject(slot) && isObject(slot.value)) slot.value.originalValue = said(slot.value.originalValue);
  }
}

/**
 * A copy of a recorded Lex event spoken in es_US: `bot.localeId`, the transcripts and the slots'
 * `originalValue` in Spanish. What Lex resolved (`interpretedValue`, the intent) is kept: the es_US
 * bot resolves "14 de marzo de 1948" and "femenino" to the same date and value.
 *
 * @example
 * inSpanish(event).inputTranscript; // 'cuándo es mi próxima cita' for 'when is my next appointment'
 */
export function inSpanish(event: unknown): Json {
  const copy = structuredClone(event) as Json;
  if (isObject(copy.bot)) copy.bot.localeId = ES_LOCALE_ID;
  copy.inputTranscript = said(copy.inputTranscript);
  if ('rawInputTranscript' in copy) copy.rawInputTranscript = said(copy.rawInputTranscript);
  for (const transcription of Array.isArray(copy.transcriptions) ? copy.transcriptions : []) {
    if (isObject(transcription)) transcription.transcription = said(transcription.transcription);
  }
  const state = isObject(copy.sessionState) ? copy.sessionState : undefined;
  sayInSpanish(isObject(state?.intent) ? state.intent.slots : undefined);
  for (const interpretation of Array.isArray(copy.interpretations) ? copy.interpretations : []) {
    if (isObject(interpretation) && isObject(interpretation.intent)) sayInSpanish(interpretation.intent.slots);
  }
  return copy;
}

/**
 * Plays one recorded call again in Spanish, as one conversation: each event in es_US, its session
 * attributes taking the values the Spanish turn before it returned (the token, the sealed lists and
 * pages made in Spanish) for every attribute the recorded event carries.
 */
export async function playInSpanish(events: readonly unknown[], handler: (event: unknown) => Promise<LexV2Result>): Promise<LexV2Result[]> {
  const responses: LexV2Result[] = [];
  let carried: Record<string, string> = {};
  for (const event of events) {
    const spanish = inSpanish(event);
    const state = isObject(spanish.sessionState) ? spanish.sessionState : undefined;
    if (state && isObject(state.sessionAttributes)) {
      const attributes = state.sessionAttributes;
      for (const name of Object.keys(attributes)) if (carried[name] !== undefined) attributes[name] = carried[name];
    }
    const response = await handler(spanish);
    carried = { ...(response.sessionState.sessionAttributes ?? {}) };
    responses.push(response);
  }
  return responses;
}
