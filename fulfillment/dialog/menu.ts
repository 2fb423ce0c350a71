import type { LexV2Result } from 'aws-lambda';
import { IVR_NEXT, SESSION_ATTRIBUTES, type IvrNext } from '../../contract';
import { close, elicitIntent } from '../lex/response';
import type { Speech } from '../lex/speech';
import { requireCaller } from './session';
import type { Turn } from './turn';

/** `RecordSymptoms`: confirm, then close so the flow starts recording the caller's message. */
export async function recordSymptoms(turn: Turn): Promise<LexV2Result> {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  return handOff(turn, IVR_NEXT.record, turn.phrases.recordConfirm(), 'record');
}

/** `Help` ("what are my options", "keys"): what the IVR can do, then the keys. */
export async function help(turn: Turn): Promise<LexV2Result> {
  turn.outcome = 'help';
  return elicitIntent(turn, [...turn.phrases.help(), ...turn.phrases.menuKeys()]);
}

/** `TalkToSomeone`: the flow transfers to the clinic's queue. */
export async function talkToSomeone(turn: Turn): Promise<LexV2Result> {
  return handOff(turn, IVR_NEXT.transfer, turn.phrases.transfer(), 'transfer');
}

/** `Goodbye`: the flow disconnects politely. */
export async function goodbye(turn: Turn): Promise<LexV2Result> {
  return handOff(turn, IVR_NEXT.goodbye, turn.phrases.goodbye(), 'goodbye');
}

/** `FallbackIntent` of PatientServices: the keys this time; the second miss in a row offers a person. */
export async function servicesFallback(turn: Turn): Promise<LexV2Result> {
  const count = Number(turn.attributes[SESSION_ATTRIBUTES.fallbackCount] ?? '0') + 1;
  turn.attributes[SESSION_ATTRIBUTES.fallbackCount] = String(count);
  turn.outcome = count >= 2 ? 'fallback.offerPerson' : 'fallback';
  return elicitIntent(turn, count >= 2 ? turn.phrases.notUnderstoodOfferPerson() : [...turn.phrases.notUnderstood(), ...turn.phrases.menuKeys()]);
}

function handOff(turn: Turn, next: IvrNext, speech: Speech[], outcome: string): LexV2Result {
  turn.attributes[SESSION_ATTRIBUTES.ivrNext] = next;
  turn.outcome = outcome;
  return close(turn, 'Fulfilled', speech);
}
