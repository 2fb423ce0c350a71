/**
 * PatientServices: the menu once the caller is identified. Intents carry no slots; the fulfillment
 * Lambda answers each one (reads medications page by page, records a message, transfers, ends).
 * Menu keys reach Lex as text ("1") in every locale, so each key and its spoken number in the
 * locale's words are utterances of the intent the menu announces for it. The phrases are the
 * locale's (`locales/`).
 */

import { BOT_NAMES, INTENTS, MENU_KEYS } from '../contract';
import { BOT_LOCALES, type BotLocaleWords, type MenuIntentKey } from './locales';
import { IDLE_SESSION_TTL_SECONDS, botLocale, fallbackIntent, keyPhrases, lookupUpdates } from './shared';
import type { BotDefinition, IntentDefinition } from './types';

/** One menu intent: its description, the key that starts it, and whether it looks something up. */
interface MenuIntentSpec {
  readonly name: string;
  readonly description: string;
  /** The menu key announced for it, if any. */
  readonly key?: string;
  /** Epic can take a few seconds: silence on the line makes callers hang up, so Lex says "one moment". */
  readonly looksUp?: boolean;
}

/** The menu intents, in the order Lex lists them. */
const MENU: readonly (readonly [MenuIntentKey, MenuIntentSpec])[] = [
  ['getMedications', { name: INTENTS.getMedications, description: 'Reads the active medication list, a few at a time.', key: MENU_KEYS.medications, looksUp: true }],
  [
    'getAppointments',
    { name: INTENTS.getAppointments, description: 'Reads the upcoming appointments: the next one, then a few at a time.', key: MENU_KEYS.appointments, looksUp: true },
  ],
  ['changeAppointment', { name: INTENTS.changeAppointment, description: 'Transfers to the scheduling team to cancel or reschedule an appointment.', looksUp: true }],
  ['moreItems', { name: INTENTS.moreItems, description: 'Reads the next few items of the list.' }],
  ['repeatThat', { name: INTENTS.repeatThat, description: 'Repeats what was said last.', key: MENU_KEYS.repeat }],
  ['recordSymptoms', { name: INTENTS.recordSymptoms, description: 'Records a spoken message about symptoms for the doctor.', key: MENU_KEYS.messageForDoctor }],
  // The code hook reads which medication from the caller's own words (a name or "the second one"),
  // so the intent carries no slot; a caller who has not heard the list yet has it read from Epic first.
  [
    'requestRefill',
    {
      name: INTENTS.requestRefill,
      description: 'Requests a refill of a medication from the active list; the care team reviews it.',
      key: MENU_KEYS.refills,
      looksUp: true,
    },
  ],
  // The spoken menu names no keys: help lists them.
  ['help', { name: INTENTS.help, description: 'Lists what the caller can do, with the keys.' }],
  ['talkToSomeone', { name: INTENTS.talkToSomeone, description: 'Transfers the call to the front desk.', key: MENU_KEYS.person }],
  ['goodbye', { name: INTENTS.goodbye, description: 'Ends the call.' }],
  // After a yes, texts the details just heard (an appointment, a filed request) to the calling number.
  ['textDetails', { name: INTENTS.textDetails, description: 'Texts the appointment or request details just heard to the calling number.' }],
];

/** A slot-less intent answered by the fulfillment Lambda, in the words of one locale. */
function menuIntent(words: BotLocaleWords, intent: MenuIntentKey, spec: MenuIntentSpec): IntentDefinition {
  const { waiting } = words.prompts;
  return {
    name: spec.name,
    description: spec.description,
    sampleUtterances: [...(spec.key === undefined ? [] : keyPhrases(spec.key, words.digitWords)), ...words.menu[intent]],
    slots: [],
    dialogCodeHookEnabled: false,
    fulfillment: spec.looksUp ? { codeHookEnabled: true, updates: lookupUpdates(waiting.lookingUp, waiting.stillWorking) } : { codeHookEnabled: true },
  };
}

/** The PatientServices bot, in every locale of `BOT_LOCALES`. */
export function patientServicesBot(): BotDefinition {
  return {
    name: BOT_NAMES.patientServices,
    description: 'Menu for an identified patient: medications, appointments, refill requests, a message for the doctor, texts of the details, a person.',
    idleSessionTTLInSeconds: IDLE_SESSION_TTL_SECONDS,
    dataPrivacy: { childDirected: false },
    locales: BOT_LOCALES.map((words) =>
      botLocale(
        words,
        [
          ...MENU.map(([intent, spec]) => menuIntent(words, intent, spec)),
          fallbackIntent('Anything not on the menu; the Lambda repeats the options, then offers a person.'),
        ],
        [],
      ),
    ),
  };
}
