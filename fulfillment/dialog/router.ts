import type { LexV2Result } from 'aws-lambda';
import { BOT_NAMES, INTENTS, IVR_NEXT, SESSION_ATTRIBUTES } from '../../contract';
import type { LexEvent } from '../lex/event';
import { wantsSpeech } from '../lex/event';
import { close } from '../lex/response';
import { authFallback, verifyIdentity } from './authenticate';
import { soundsLikeEmergency } from './emergency';
import { getMedications, moreItems, repeatThat } from './medications';
import { goodbye, help, recordSymptoms, servicesFallback, talkToSomeone } from './menu';
import { PHRASES } from './phrases';
import type { DialogDeps, DialogStep, Turn } from './turn';

/** Which step serves each intent, per bot. An intent missing here gets the apology path. */
export const ROUTES: Readonly<Record<string, Readonly<Record<string, DialogStep>>>> = {
  [BOT_NAMES.patientAuth]: {
    [INTENTS.verifyIdentity]: verifyIdentity,
    [INTENTS.fallback]: authFallback,
  },
  [BOT_NAMES.patientServices]: {
    [INTENTS.getMedications]: getMedications,
    [INTENTS.moreItems]: moreItems,
    [INTENTS.repeatThat]: repeatThat,
    [INTENTS.recordSymptoms]: recordSymptoms,
    [INTENTS.help]: help,
    [INTENTS.talkToSomeone]: talkToSomeone,
    [INTENTS.goodbye]: goodbye,
    [INTENTS.fallback]: servicesFallback,
  },
};

/** Builds the turn for an event: a private copy of the session attributes, the output mode. */
export function newTurn(event: LexEvent, deps: DialogDeps): Turn {
  return { event, deps, attributes: { ...(event.sessionState.sessionAttributes ?? {}) }, speech: wantsSpeech(event), outcome: 'unknown' };
}

/**
 * Routes one turn. An emergency phrase wins over every intent: the caller is told to hang up and
 * dial 911 and the flow is told to put them through to a person.
 */
export async function route(turn: Turn): Promise<LexV2Result> {
  if (soundsLikeEmergency(turn.event.inputTranscript)) {
    turn.attributes[SESSION_ATTRIBUTES.emergencyFlag] = 'true';
    turn.attributes[SESSION_ATTRIBUTES.ivrNext] = IVR_NEXT.transfer;
    turn.outcome = 'emergency';
    return close(turn, 'Failed', [...PHRASES.emergency(), ...PHRASES.transfer()]);
  }
  const intent = turn.event.sessionState.intent.name;
  // Own keys only: a bot or intent named like an Object.prototype member ("constructor", "toString")
  // is unrouted, not a function to call.
  const routes = Object.hasOwn(ROUTES, turn.event.bot.name) ? ROUTES[turn.event.bot.name] : undefined;
  const step = routes && Object.hasOwn(routes, intent) ? routes[intent] : undefined;
  if (!step) return apologize(turn, 'unrouted');
  // Only consecutive misunderstandings count toward offering a person.
  if (intent !== INTENTS.fallback) delete turn.attributes[SESSION_ATTRIBUTES.fallbackCount];
  return step(turn);
}

/** The safe answer to anything unexpected: a short apology and a person. */
export function apologize(turn: Omit<Turn, 'deps'>, outcome: string): LexV2Result {
  turn.attributes[SESSION_ATTRIBUTES.ivrNext] = IVR_NEXT.transfer;
  turn.outcome = outcome;
  return close(turn, 'Failed', [...PHRASES.apology(), ...PHRASES.transfer()]);
}
