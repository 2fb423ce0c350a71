import type { LexV2Result } from 'aws-lambda';
import { ENGLISH_INSTRUCTIONS_KEYS, INTENTS } from '../../contract';
import { foldSpeech, wordsFor } from './listenedWords';
import { englishOfActiveList, inAppointments } from './lists';
import { talkToSomeone } from './menu';
import { requireCaller } from './session';
import type { DialogStep, Turn } from './turn';

/**
 * The answer to "hear them in English, or a person?" after a page with instructions that exist only
 * in English (`pageStart` is that page's first item, in the list the caller last heard: medications
 * or appointments). Key 1 or "inglés": "here they are in English", then the English of each such
 * item of that page, then what follows the page ("say more"), so paging goes on in the caller's
 * language. Key 2, "agente" or "una persona": a person, as TalkToSomeone. Anything else ("más",
 * "repetir", a new request) drops the question and is served as what it is (`otherwise`).
 *
 * @example
 * // the router, while `englishChoice` is set: answerEnglishChoice(turn, turn.attributes.englishChoice, dispatch)
 */
export async function answerEnglishChoice(turn: Turn, pageStart: string, otherwise: DialogStep): Promise<LexV2Result> {
  const transcript = turn.event.inputTranscript ?? '';
  const key = transcript.trim().replace(/#$/, '');
  const words = foldSpeech(transcript);
  const listened = wordsFor(turn.locale);
  if (key === ENGLISH_INSTRUCTIONS_KEYS.person || listened.person.test(words) || turn.event.sessionState.intent.name === INTENTS.talkToSomeone) {
    const result = await talkToSomeone(turn);
    turn.outcome = inAppointments(turn) ? 'appointments.english.person' : 'medications.english.person';
    return result;
  }
  if (key !== ENGLISH_INSTRUCTIONS_KEYS.english && !listened.english.test(words)) return otherwise(turn);
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  return (await englishOfActiveList(turn, caller.claims, Number(pageStart))) ?? otherwise(turn);
}
