/**
 * The caller's choice of Spanish said to PatientAuth ("español", issue 18): the flow does the
 * switching (voice, contact language, words), so the step only closes the intent, saying nothing;
 * the flow reads `$.Lex.IntentName` and runs PatientAuth again in es_US, which asks for the birth date.
 */

import type { LexV2Result } from 'aws-lambda';
import { close } from '../lex/response';
import type { Turn } from './turn';

/** `ChooseSpanish` of PatientAuth: closes, fulfilled, with no message (the next words are the flow's, in Spanish). */
export async function chooseSpanish(turn: Turn): Promise<LexV2Result> {
  turn.outcome = 'language.spanish';
  return close(turn, 'Fulfilled', []);
}
