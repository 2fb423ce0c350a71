import type { LexV2Result } from 'aws-lambda';
import { BOT_NAMES, INTENTS, isLocaleId, IVR_NEXT, LOCALE_ID, SESSION_ATTRIBUTES } from '../../contract';
import { CATALOGS } from '../../prompts';
import { logger } from '../runtime/logger';
import type { LexEvent } from '../lex/event';
import { wantsSpeech } from '../lex/event';
import { close, elicitIntent } from '../lex/response';
import type { RedFlagId } from '../notes/redFlags';
import { authFallback, verifyIdentity } from './authenticate';
import { emergencyMention, isClearNo, saysEmergency } from './emergency';
import { changeAppointment, getAppointments } from './appointments';
import { chooseSpanish } from './language';
import { answerEnglishChoice } from './englishChoice';
import { getMedications } from './medications';
import { moreOfActiveList, repeatActiveList } from './lists';
import { goodbye, help, recordSymptoms, servicesFallback, talkToSomeone } from './menu';
import { answerRefill, requestRefill } from './refills';
import { phrasesFor } from './phrases';
import { answerTextConfirm, textDetails } from './textOffer';
import type { DialogDeps, DialogStep, Turn } from './turn';

/** Which step serves each intent, per bot. An intent missing here gets the apology path. */
export const ROUTES: Readonly<Record<string, Readonly<Record<string, DialogStep>>>> = {
  [BOT_NAMES.patientAuth]: {
    [INTENTS.verifyIdentity]: verifyIdentity,
    [INTENTS.chooseSpanish]: chooseSpanish,
    [INTENTS.fallback]: authFallback,
  },
  [BOT_NAMES.patientServices]: {
    [INTENTS.getMedications]: getMedications,
    [INTENTS.getAppointments]: getAppointments,
    [INTENTS.changeAppointment]: changeAppointment,
    [INTENTS.moreItems]: moreOfActiveList,
    [INTENTS.repeatThat]: repeatActiveList,
    [INTENTS.recordSymptoms]: recordSymptoms,
    [INTENTS.requestRefill]: requestRefill,
    [INTENTS.help]: help,
    [INTENTS.talkToSomeone]: talkToSomeone,
    [INTENTS.goodbye]: goodbye,
    [INTENTS.textDetails]: textDetails,
    [INTENTS.fallback]: servicesFallback,
  },
};

/**
 * Builds the turn for an event: a private copy of the session attributes, the output mode, and the
 * words of the bot's locale. A locale with no catalog speaks the default's, and says so in the log
 * (the locale id only).
 */
export function newTurn(event: LexEvent, deps: DialogDeps): Turn {
  return {
    event,
    deps,
    ...turnWords(event),
    attributes: { ...(event.sessionState.sessionAttributes ?? {}) },
    speech: wantsSpeech(event),
    outcome: 'unknown',
  };
}

/**
 * The locale an event is spoken in and its phrases: the bot's locale, or the default's when the
 * dialog has no catalog for it (logged as a warning with the locale id only).
 */
export function turnWords(event: LexEvent): Pick<Turn, 'locale' | 'phrases'> {
  const heard = event.bot.localeId;
  const locale = isLocaleId(heard) ? heard : LOCALE_ID;
  if (locale !== heard) logger.warn('no catalog for the bot locale, speaking the default', { event: 'lex.unknownLocale', localeId: heard.slice(0, 16), spoken: locale });
  return { locale, phrases: phrasesFor(CATALOGS[locale]) };
}

/**
 * Routes one turn. An emergency wins over every intent: the caller is told to hang up and dial 911
 * and the flow is told to put them through to a person. An emergency the caller clearly denied
 * ("I don't have chest pain, I just want my medications") gets one yes/no question first; only a
 * plain "no" goes on to what they asked for. A refill question waiting for its answer comes next;
 * while "Shall I send it?" waits for its answer, the answer is read first, whatever intent Lex heard
 * ("yes" has no intent of its own).
 */
export async function route(turn: Turn): Promise<LexV2Result> {
  // The English-instructions choice waits one turn only: the page that asks sets it again.
  const englishChoice = turn.attributes[SESSION_ATTRIBUTES.englishChoice];
  delete turn.attributes[SESSION_ATTRIBUTES.englishChoice];
  if (turn.attributes[SESSION_ATTRIBUTES.emergencyCheck] !== undefined) return answerEmergencyCheck(turn);
  const mention = emergencyMention(turn.event.inputTranscript);
  if (mention.kind === 'affirmed') return emergency(turn, 'emergency');
  // "It's an emergency" ("es una emergencia") names no red flag, and gets the same answer.
  if (saysEmergency(turn.event.inputTranscript, turn.locale)) return emergency(turn, 'emergency.word');
  if (mention.kind === 'negated') return askEmergencyCheck(turn, mention.flag);
  // A refill question waits for its answer ("yes", "the second one", a key): the answer is read
  // before the intent Lex matched it to ("2" would otherwise be the message key).
  if (turn.event.bot.name === BOT_NAMES.patientServices && turn.attributes[SESSION_ATTRIBUTES.refillStep] !== undefined) return answerRefill(turn, dispatch);
  if (turn.attributes[SESSION_ATTRIBUTES.textConfirm] !== undefined) return answerTextConfirm(turn, dispatch);
  // "Hear them in English, or a person?" ("1" would otherwise be the medications key, "2" the message key).
  if (turn.event.bot.name === BOT_NAMES.patientServices && englishChoice !== undefined) return answerEnglishChoice(turn, englishChoice, dispatch);
  return dispatch(turn);
}

/** Runs the step of the turn's intent. */
function dispatch(turn: Turn): Promise<LexV2Result> {
  const intent = turn.event.sessionState.intent.name;
  // Own keys only: a bot or intent named like an Object.prototype member ("constructor", "toString")
  // is unrouted, not a function to call.
  const step = stepFor(turn.event.bot.name, intent);
  if (!step) return Promise.resolve(apologize(turn, 'unrouted'));
  // Only consecutive misunderstandings count toward offering a person.
  if (intent !== INTENTS.fallback) delete turn.attributes[SESSION_ATTRIBUTES.fallbackCount];
  return step(turn);
}

function stepFor(bot: string, intent: string): DialogStep | undefined {
  const routes = Object.hasOwn(ROUTES, bot) ? ROUTES[bot] : undefined;
  return routes && Object.hasOwn(routes, intent) ? routes[intent] : undefined;
}

/** 911 advice and a person. */
function emergency(turn: Turn, outcome: string): LexV2Result {
  turn.attributes[SESSION_ATTRIBUTES.emergencyFlag] = 'true';
  turn.attributes[SESSION_ATTRIBUTES.ivrNext] = IVR_NEXT.transfer;
  turn.outcome = outcome;
  return close(turn, 'Failed', [...turn.phrases.emergency(), ...turn.phrases.transfer()]);
}

/** "Are you having chest pain right now?", remembering what the caller asked for. */
function askEmergencyCheck(turn: Turn, flag: RedFlagId): LexV2Result {
  turn.attributes[SESSION_ATTRIBUTES.emergencyCheck] = flag;
  turn.attributes[SESSION_ATTRIBUTES.emergencyResume] = turn.event.sessionState.intent.name;
  turn.outcome = 'emergency.check';
  return elicitIntent(turn, turn.phrases.emergencyCheck(flag));
}

/**
 * The answer to the emergency question. A plain "no" serves the intent the caller first asked for
 * (VerifyIdentity picks up at its first slot: the slots of that turn are not kept); "yes", silence
 * and anything unclear are an emergency.
 */
async function answerEmergencyCheck(turn: Turn): Promise<LexV2Result> {
  const resume = turn.attributes[SESSION_ATTRIBUTES.emergencyResume];
  delete turn.attributes[SESSION_ATTRIBUTES.emergencyCheck];
  delete turn.attributes[SESSION_ATTRIBUTES.emergencyResume];
  if (!isClearNo(turn.event.inputTranscript, turn.locale)) return emergency(turn, 'emergency.afterCheck');
  const bot = turn.event.bot.name;
  const intent = bot === BOT_NAMES.patientAuth ? INTENTS.verifyIdentity : resume;
  if (!intent || intent === INTENTS.fallback || !stepFor(bot, intent)) {
    turn.outcome = 'emergency.denied';
    return elicitIntent(turn, turn.phrases.menu());
  }
  // The caller's "no" reached Lex as some other intent: the step runs as the one first asked for,
  // at the dialog stage so VerifyIdentity lets Lex ask its next slot with the bot's own prompts.
  const event = {
    ...turn.event,
    invocationSource: 'DialogCodeHook' as const,
    sessionState: { ...turn.event.sessionState, intent: { name: intent, slots: {}, state: 'InProgress' as const, confirmationState: 'None' as const } },
  };
  const resumed: Turn = { ...turn, event };
  const result = await dispatch(resumed);
  turn.outcome = `emergency.denied.${resumed.outcome}`;
  return result;
}

/** The safe answer to anything unexpected: a short apology and a person. */
export function apologize(turn: Omit<Turn, 'deps' | 'locale'>, outcome: string): LexV2Result {
  turn.attributes[SESSION_ATTRIBUTES.ivrNext] = IVR_NEXT.transfer;
  turn.outcome = outcome;
  return close(turn, 'Failed', [...turn.phrases.apology(), ...turn.phrases.transfer()]);
}
