/**
 * PatientServices: the menu once the caller is identified. Intents carry no slots; the fulfillment
 * Lambda answers each one (reads medications page by page, records a message, transfers, ends).
 * Menu keys reach Lex as text ("1"), so each key and its spoken number are utterances of the
 * intent the menu announces for it.
 */

import { BOT_NAMES, INTENTS, MENU_KEYS } from '../contract';
import { BOT_WORDS } from './messages';
import { IDLE_SESSION_TTL_SECONDS, englishLocale, fallbackIntent, keyPhrases, lookupUpdates } from './shared';
import type { BotDefinition, FulfillmentUpdatesDefinition, IntentDefinition } from './types';

/** A slot-less intent answered by the fulfillment Lambda. */
function menuIntent(
  name: string,
  description: string,
  sampleUtterances: readonly string[],
  updates?: FulfillmentUpdatesDefinition,
): IntentDefinition {
  return {
    name,
    description,
    sampleUtterances,
    slots: [],
    dialogCodeHookEnabled: false,
    fulfillment: updates === undefined ? { codeHookEnabled: true } : { codeHookEnabled: true, updates },
  };
}

/** Reads the caller's active medications (menu key 1). */
const getMedications = menuIntent(
  INTENTS.getMedications,
  'Reads the active medication list, a few at a time.',
  [
    ...keyPhrases(MENU_KEYS.medications),
    'what are my medications',
    'help with medications',
    'medications',
    'my medications',
    'my medicine',
    'my prescriptions',
    'my pills',
    'what pills do I take',
    'which medicines am I on',
    'list my meds',
    'medication list',
    'what am I taking',
    'read my prescriptions',
    'tell me my medications',
    'I want my medications',
    'I just want my medications',
    'I need to know my medications',
  ],
  // Epic can take a few seconds; silence on the line makes callers hang up.
  lookupUpdates(BOT_WORDS.waiting.lookingUp),
);

/** Reads the caller's upcoming appointments (menu key 3). */
const getAppointments = menuIntent(
  INTENTS.getAppointments,
  'Reads the upcoming appointments: the next one, then a few at a time.',
  [
    ...keyPhrases(MENU_KEYS.appointments),
    'appointments',
    'my appointments',
    'appointment',
    'when is my next appointment',
    'when is my appointment',
    'do I have an appointment',
    'do I have any appointments coming up',
    'what appointments do I have',
    'my next appointment',
    'next visit',
    'when do I see the doctor',
    'when is my next visit',
    'upcoming appointments',
    'tell me my appointments',
    'I want to know about my appointments',
  ],
  lookupUpdates(BOT_WORDS.waiting.lookingUp),
);

/** Hands the caller to scheduling to cancel or reschedule an appointment. */
const changeAppointment = menuIntent(
  INTENTS.changeAppointment,
  'Transfers to the scheduling team to cancel or reschedule an appointment.',
  [
    'change',
    'change it',
    'change my appointment',
    'change an appointment',
    'cancel my appointment',
    'cancel an appointment',
    'cancel it',
    'reschedule',
    'reschedule my appointment',
    'reschedule it',
    'I need to reschedule',
    'I need to cancel my appointment',
    'I can not make my appointment',
    'move my appointment',
    'change the first one',
    'change the second one',
    'change the third one',
    'cancel the second one',
    'reschedule the first one',
    'the first one',
    'the second one',
    'the third one',
  ],
  lookupUpdates(BOT_WORDS.waiting.lookingUp),
);

/** Next page of the list being read. */
const moreItems = menuIntent(INTENTS.moreItems, 'Reads the next few items of the list.', [
  'more',
  'next',
  'continue',
  'keep going',
  'what else',
  'go on',
  'tell me more',
  'next one',
]);

/** Says the last prompt again (menu key 9). */
const repeatThat = menuIntent(INTENTS.repeatThat, 'Repeats what was said last.', [
  ...keyPhrases(MENU_KEYS.repeat),
  'repeat',
  'repeat that',
  'say that again',
  'what did you say',
  'again',
  'come again',
  'pardon',
  "I didn't hear you",
  'can you repeat that',
]);

/** Records a message for the care team (menu key 2). */
const recordSymptoms = menuIntent(INTENTS.recordSymptoms, 'Records a spoken message about symptoms for the doctor.', [
  ...keyPhrases(MENU_KEYS.messageForDoctor),
  'I want to leave a message for my doctor',
  'record my symptoms',
  "I don't feel well",
  "I'm not feeling well",
  'leave a message',
  'message for the doctor',
  "I'm sick",
  'I feel sick',
  'I have a symptom',
  'tell my doctor something',
]);

/**
 * Requests a refill of a medication on the active list (menu key 4). The code hook reads which one
 * from the caller's own words (a name or "the second one"), so the intent carries no slot.
 */
const requestRefill = menuIntent(
  INTENTS.requestRefill,
  'Requests a refill of a medication from the active list; the care team reviews it.',
  [
    ...keyPhrases(MENU_KEYS.refills),
    'I need a refill',
    'refill',
    'refills',
    'refill my prescription',
    'refill my medication',
    'I need my prescription refilled',
    'I want to request a refill',
    'can I get a refill',
    'request a refill',
    'prescription refill',
    'renew my prescription',
    "I'm running out of my medicine",
    'I ran out of my pills',
    'refill the first one',
    'refill the second one',
    'refill the last one',
    'refill number two',
  ],
  // A caller who has not heard the list yet has it read from Epic first.
  lookupUpdates(BOT_WORDS.waiting.lookingUp),
);

/** Lists what the caller can do and the keys (the spoken menu itself names no keys). */
const help = menuIntent(INTENTS.help, 'Lists what the caller can do, with the keys.', [
  'help',
  'I need help',
  'what can I do',
  'options',
  'what are my options',
  'menu',
  'main menu',
  'what are my choices',
  'keys',
  'what are the keys',
  'which keys can I press',
  'keypad options',
]);

/** Texts the details just heard (an appointment, a filed request) to the calling number, after a yes. */
const textDetails = menuIntent(INTENTS.textDetails, 'Texts the appointment or request details just heard to the calling number.', [
  'text me',
  'send me a text',
  'text me the details',
  'text it to me',
  'send it by text',
  'send me the details',
  'can you text me',
  'text me that',
  'send that to my phone',
]);

/** Transfers to a person (menu key 0). */
const talkToSomeone = menuIntent(INTENTS.talkToSomeone, 'Transfers the call to the front desk.', [
  ...keyPhrases(MENU_KEYS.person),
  'agent',
  'representative',
  'operator',
  'a person',
  'talk to someone',
  'speak to someone',
  'talk to a real person',
  'human',
  'front desk',
  'transfer me',
]);

/** Ends the call politely. */
const goodbye = menuIntent(INTENTS.goodbye, 'Ends the call.', [
  'goodbye',
  'bye',
  "that's all",
  "that's it",
  "I'm done",
  'hang up',
  'no thanks',
  'no thank you',
  'nothing else',
  'no',
]);

/** The PatientServices bot. */
export function patientServicesBot(): BotDefinition {
  return {
    name: BOT_NAMES.patientServices,
    description: 'Menu for an identified patient: medications, appointments, refill requests, a message for the doctor, texts of the details, a person.',
    idleSessionTTLInSeconds: IDLE_SESSION_TTL_SECONDS,
    dataPrivacy: { childDirected: false },
    locales: [
      englishLocale(
        'US English, spoken slowly and clearly for older callers.',
        [
          getMedications,
          getAppointments,
          changeAppointment,
          moreItems,
          repeatThat,
          recordSymptoms,
          requestRefill,
          help,
          talkToSomeone,
          goodbye,
          textDetails,
          fallbackIntent('Anything not on the menu; the Lambda repeats the options, then offers a person.'),
        ],
        [],
      ),
    ],
  };
}
