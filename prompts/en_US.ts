/**
 * US English: every word a caller hears. Short sentences, one question at a time, speech first with
 * the keys a help or a miss away: many callers are elderly and on poor lines.
 */

import { CONFIRM_KEYS, ENGLISH_INSTRUCTIONS_KEYS, GENDER_KEYS, MENU_KEYS } from '../contract';
import { key, keyed } from './keyed';
import type { KeyedText, NamePart, PromptCatalog } from './types';

// Fragments several prompts share, so each is worded once.
const DIDNT_GET_THAT = "Sorry, I didn't get that.";
const DIDNT_CATCH_THAT = "Sorry, I didn't catch that.";
const CONNECTING_YOU = 'I will connect you with someone who can help.';
const IF_EMERGENCY_DIAL_911 = 'If this is an emergency, hang up and dial 9 1 1.';
const CALL_BACK_LATER = 'Please call back later.';
const PRESS_FOR_GENDER = keyed`press ${key(GENDER_KEYS.female)} for female, ${key(GENDER_KEYS.male)} for male, or ${key(GENDER_KEYS.other)} for other.`;
// A re-prompt is worded once: Lex's own retry and the code hook's re-ask say the same words.
const ASK_BIRTH_DATE_AGAIN = 'Please say your date of birth, for example July 4, 1950. Or key it in as eight digits: month, day, and year.';
const ASK_GENDER = keyed`Is the sex on your medical record female, male, or other? You can also ${PRESS_FOR_GENDER}`;
const ASK_GENDER_AGAIN = keyed`Please say female, male, or other. Or ${PRESS_FOR_GENDER}`;
const SAY_YES_OR_NO = keyed`Say yes, or press ${key(CONFIRM_KEYS.yes)}. Or say no, or press ${key(CONFIRM_KEYS.no)}.`;
const HEAR_THESE_AGAIN = keyed`To hear these again, say repeat, or press ${key(MENU_KEYS.repeat)}.`;

/** Digits spaced so they are said one by one ("1 2 3 4"): a phone number's last four are not a keypad key. */
const spaced = (digits: string): string => digits.split('').join(' ');

/** The first ask of a name slot: Lex's own, and the code hook's. */
const spellAsk = (which: string): string => `Please spell your ${which} name, one letter at a time.`;
/** The retry of a name slot: Lex's own, and the code hook's after a name it did not get or cannot search with. */
const spellAgain = (which: string): string => `${DIDNT_GET_THAT} Please spell your ${which} name slowly, one letter at a time. For example: M, A, R, Y.`;

/** The word for each name slot. */
const NAME_WORDS: Readonly<Record<NamePart, string>> = { first: 'first', last: 'last' };

/** The en_US catalog. */
export const EN_US: PromptCatalog = {
  birthDate: {
    slotPrompts: [
      'Please say or key in your date of birth, for example July 4, 1950, or key it as eight digits: month, day, year.',
      `${DIDNT_GET_THAT} ${ASK_BIRTH_DATE_AGAIN}`,
      {
        instruction: "Let's try the keypad. Key in your date of birth as eight digits.",
        example: keyed`For July 4, 1950, you would key ${key('07041950')}.`,
      },
    ],
    askAgain: ASK_BIRTH_DATE_AGAIN,
  },
  gender: {
    slotPrompts: [
      ASK_GENDER,
      keyed`${DIDNT_CATCH_THAT} ${ASK_GENDER_AGAIN}`,
      keyed`Please ${PRESS_FOR_GENDER} If you are not sure, say: I don't know.`,
    ],
    ask: ASK_GENDER,
    askAgain: ASK_GENDER_AGAIN,
  },
  spellName: (part) => {
    const which = NAME_WORDS[part];
    return [
      spellAsk(which),
      spellAgain(which),
      `Let's try once more. Spell your ${which} name, and pause a little after each letter.`,
    ];
  },
  spellNameAsk: (part) => spellAsk(NAME_WORDS[part]),
  spellNameAgain: (part) => spellAgain(NAME_WORDS[part]),
  waiting: {
    findingRecord: 'One moment while I find your record.',
    lookingUp: 'One moment while I look that up.',
    stillWorking: 'Still working on it. Thank you for waiting.',
  },
  verification: {
    verified: (givenName) => (givenName ? `Thank you, ${givenName}. You are verified.` : 'Thank you. You are verified.'),
    noCallerId: "I'm sorry, I can't see the number you are calling from, so I can't look up your records by phone.",
    connectingYou: CONNECTING_YOU,
    firstNameToo: 'To find your record, I also need your first name.',
    notConfirmed: "I'm sorry, I couldn't confirm your identity with those answers. Let's try once more.",
    failedTransfer: `I'm sorry, I still couldn't confirm your identity. ${CONNECTING_YOU}`,
    lockedOut: 'For your security, phone verification is paused for this number for a little while.',
    needVerification: 'For your privacy, I need to verify who you are before I can share that.',
  },
  menu: {
    options: 'You can ask about your medications, appointments, or refills, or leave a message for your doctor. What would you like to do?',
    keys: keyed`On the keypad, press ${key(MENU_KEYS.medications)} for medications, ${key(MENU_KEYS.messageForDoctor)} to leave a message, ${key(MENU_KEYS.appointments)} for appointments, ${key(MENU_KEYS.refills)} for refills, ${key(MENU_KEYS.person)} for a person, or ${key(MENU_KEYS.repeat)} to hear that again.`,
    whatNext: 'What would you like to do?',
    help: 'I can read your medications, tell you about your appointments, take a refill request or a message for your doctor, or connect you with a person.',
    // Short on purpose: the flow's recording prompt right after it explains the message, the pound
    // key and that it is not for emergencies (contact-flows/patient-ivr.json, capture-listen).
    recordConfirm: 'All right, let us record a message for your care team.',
    transfer: 'Please hold while I connect you with someone who can help.',
    goodbye: 'Thank you for calling. Take care. Goodbye.',
    notUnderstood: DIDNT_CATCH_THAT,
    notUnderstoodOfferPerson: keyed`Sorry, I'm still having trouble understanding. You can say agent, or press ${key(MENU_KEYS.person)}, to talk to a person.`,
    nothingToRepeat: "There's nothing to repeat yet.",
    noMoreItems: "There's nothing more to read.",
  },
  medications: {
    count: (count, atLeast) =>
      atLeast
        ? `You have at least ${count} active medications on file.`
        : count === 1
          ? 'You have one active medication on file.'
          : `You have ${count} active medications on file.`,
    more: keyed`To hear more, say more. ${HEAR_THESE_AGAIN}`,
    endPartial: (read) =>
      keyed`That's the first ${read === 1 ? 'medication' : `${read} medications`} I can read on the phone; your list has more. The clinic staff can go through the rest with you: say agent, or press ${key(MENU_KEYS.person)}. ${HEAR_THESE_AGAIN}`,
    end: keyed`That's all of your medications. To hear them again, say repeat, or press ${key(MENU_KEYS.repeat)}.`,
    none: "I don't see any active medications on file for you. If you think that's wrong, say agent to talk to a person.",
    instructionsInEnglish: (name) => `The instructions for ${name} are only in English.`,
  },
  englishChoice: {
    hearInEnglishOrPerson: keyed`To hear them in English, say English, or press ${key(ENGLISH_INSTRUCTIONS_KEYS.english)}. To talk with a person, say agent, or press ${key(ENGLISH_INSTRUCTIONS_KEYS.person)}.`,
    englishFollows: 'Here they are in English.',
  },
  appointments: {
    count: (count) => (count === 1 ? 'You have one upcoming appointment.' : `You have ${count} upcoming appointments.`),
    nextOne: 'Your next appointment is',
    when: (date, time) => `${date}, at ${time}`,
    withProviders: (names) => `with ${names}`,
    and: 'and',
    department: (department) => `in ${department}`,
    place: (place) => `at ${place}`,
    video: 'This is a video visit.',
    inPerson: 'This visit is in person.',
    instructions: (text) => `Instructions: ${text}`,
    instructionsInEnglish: 'The instructions for this visit are only in English.',
    more: keyed`To hear more, say more. ${HEAR_THESE_AGAIN} To change an appointment, say change.`,
    end: keyed`That's all of your upcoming appointments. To hear them again, say repeat, or press ${key(MENU_KEYS.repeat)}. To cancel or reschedule one, say change.`,
    endPartial: (read) =>
      keyed`That's the first ${read === 1 ? 'appointment' : `${read} appointments`} I can read on the phone; you have more. The scheduling team can go through the rest with you: say change. ${HEAR_THESE_AGAIN}`,
    none: keyed`I don't see any upcoming appointments for you. To make one, say agent, or press ${key(MENU_KEYS.person)}.`,
    whichOne: 'Which appointment would you like to change? You can say the first one, the second one, and so on.',
    noSuchOne: (count) => `I only have ${count === 1 ? 'one appointment' : `${count} appointments`} for you. Which one would you like to change?`,
    toScheduling: (when) => `All right. I will connect you with our scheduling team about your appointment on ${when}. Please hold.`,
    positions: [
      ['first', '1st', 'one', 'next'],
      ['second', '2nd', 'two'],
      ['third', '3rd', 'three'],
      ['fourth', '4th', 'four'],
      ['fifth', '5th', 'five'],
      ['sixth', '6th', 'six'],
      ['seventh', '7th', 'seven'],
      ['eighth', '8th', 'eight'],
      ['ninth', '9th', 'nine'],
      ['tenth', '10th', 'ten'],
    ],
    changeWords: ['change', 'cancel', 'reschedule', 'move', "can't make", 'can not make', 'cannot make'],
  },
  refills: {
    whichOne: (options, keys) => {
      const choices = options.reduce<KeyedText>((text, option, index) => keyed`${text}${index === 0 ? '' : ' '}For ${option}, press ${key(keys[index] ?? '')}.`, keyed``);
      return keyed`Which medication would you like a refill for? ${choices} Or say the medication's name.`;
    },
    confirm: (medication) => keyed`You would like a refill of ${medication}. Should I send the request to your care team? ${SAY_YES_OR_NO}`,
    refillsLeft: (medication) =>
      keyed`Your prescription for ${medication} may still have refills. Your pharmacy can fill it directly. Do you still want me to send a refill request to your care team? ${SAY_YES_OR_NO}`,
    confirmAgain: keyed`${DIDNT_CATCH_THAT} ${SAY_YES_OR_NO}`,
    sent: (medication) => `Your refill request for ${medication} was sent to your care team. They will review it.`,
    alreadySent: (medication) => `I already sent a refill request for ${medication} on this call.`,
    notSent: 'All right. I did not send a refill request.',
    notOnList: "I don't see that medication on your active medication list, so I can't request a refill for it on the phone.",
    listUnavailable: "I'm sorry, I can't read your medication list right now, so I can't request a refill.",
    noMedications: "I don't see any active medications on file for you, so I can't request a refill on the phone.",
    stillUnclear: "Sorry, I'm still not sure which medication you mean.",
    sendFailed: "I'm sorry, I couldn't send your refill request.",
  },
  texts: {
    offer: "If you'd like these details by text, say text me.",
    askAppointment: (lastFour) => `I can text the date, time and address to the number you are calling from, ending in ${spaced(lastFour)}. Shall I send it?`,
    askRequest: (lastFour) => `I can text a note that your request was received to the number you are calling from, ending in ${spaced(lastFour)}. Shall I send it?`,
    sent: 'Done. I sent the text.',
    declined: "All right, I won't send it.",
    notSent: "I'm sorry, I couldn't send the text right now. It was not sent.",
    optedOut: "I'm sorry, this number has turned off texts from us, so the text was not sent.",
    cannotTextNumber: "I'm sorry, I can't send a text to the number you are calling from.",
    alreadySent: 'I already sent you that text on this call.',
    nothingToText: "There's nothing to text yet. I can text you the details after you hear an appointment or make a request.",
    defaultSender: 'Your clinic',
    appointment: ({ sender, date, time, address }) =>
      address ? `${sender}: your appointment is on ${date} at ${time}, at ${address}.` : `${sender}: your appointment is on ${date} at ${time}.`,
    requestReceived: (sender) => `${sender}: your request was received.`,
    // STOP is the opt-out keyword End User Messaging honours on every US number type (the only one on
    // toll-free numbers): https://docs.aws.amazon.com/sms-voice/latest/userguide/opt-out-list-keywords.html
    optOut: 'Reply STOP to opt out.',
  },
  problems: {
    recordsUnavailable: "I'm sorry, I can't reach your medical records right now. Please try again later, or say agent to talk to a person.",
    recordsSlow: "I'm sorry, your records are taking too long to load. Please try again in a few minutes, or say agent to talk to a person.",
    apology: "I'm sorry, something went wrong on our side.",
  },
  emergency: {
    advice: 'If this is an emergency, hang up and dial 9 1 1 now.',
    personInstead: 'If you would rather talk to a person here, say agent.',
    check: {
      'chest-pain': 'Are you having chest pain right now? Please say yes or no.',
      breathing: 'Are you having trouble breathing right now? Please say yes or no.',
      suicidal: 'Are you thinking about hurting yourself right now? Please say yes or no.',
      overdose: 'Has anyone taken too much of a medicine or drug right now? Please say yes or no.',
      stroke: 'Are you, or is someone with you, having signs of a stroke right now? Please say yes or no.',
      'heart-attack': 'Do you think you are having a heart attack right now? Please say yes or no.',
      unresponsive: 'Is someone with you unconscious or not waking up right now? Please say yes or no.',
      'severe-bleeding': 'Is anyone bleeding heavily right now? Please say yes or no.',
      seizure: 'Is someone having a seizure right now? Please say yes or no.',
    },
    mentioned: {
      'chest-pain': 'You mentioned chest pain.',
      breathing: 'You mentioned trouble breathing.',
      suicidal: 'You mentioned thoughts of hurting yourself.',
      overdose: 'You mentioned an overdose.',
      stroke: 'You mentioned signs of a stroke.',
      'heart-attack': 'You mentioned a heart attack.',
      unresponsive: 'You mentioned someone who is unconscious or not waking up.',
      'severe-bleeding': 'You mentioned heavy bleeding.',
      seizure: 'You mentioned a seizure.',
    },
  },
  flow: {
    greeting: 'Thank you for calling the clinic. To protect your privacy, I need to verify who you are.',
    offerLanguage: (choice) => keyed`For English, press ${key(choice)}.`,
    askBirthDate: 'Please say or key in your date of birth. For example, July 4, 1950.',
    recordingInstructions:
      'After this message, please tell us how you are feeling and what you would like your care team to know. Your message is recorded and sent to your care team. It is not for emergencies: if this is an emergency, hang up and dial 9 1 1. You have up to two minutes. Press pound when you are finished.',
    messageSent: 'Thank you. Your message was sent to your care team.',
    messageSaved: 'Thank you. Your message was saved, and it will be sent to your care team shortly.',
    messageNotConfirmed: keyed`I'm sorry, I couldn't confirm that your message reached your care team. If it is urgent, say agent, or press ${key(MENU_KEYS.person)}, to talk to a person.`,
    alreadyLeftMessage: 'You have already left a message for your care team on this call. You can leave one message per call.',
    verifyAgainForMessage: 'For your privacy, I need to verify who you are again before you leave a message.',
    cannotTakeMessage: "I'm sorry, I can't take a message right now. Let's go back to the menu.",
    somethingWentWrong: "I'm sorry, something went wrong on our side. Let me connect you with someone who can help.",
    officeClosed: `Our office is closed right now. Please call back during our regular office hours. ${IF_EMERGENCY_DIAL_911}`,
    staffBusy: `I'm sorry, all of our staff are busy and we can't take more calls right now. ${CALL_BACK_LATER} ${IF_EMERGENCY_DIAL_911}`,
    couldNotConnect: `I'm sorry, we couldn't connect you with our staff. ${CALL_BACK_LATER} ${IF_EMERGENCY_DIAL_911}`,
    urgentAdvice: "If this is an emergency, hang up and dial 9 1 1 now. Otherwise, please stay on the line: I'm connecting you with a nurse.",
    urgentAfterHours: `Our nurses here can't take your call right now, so I'm transferring you to our after-hours nurse line. ${IF_EMERGENCY_DIAL_911}`,
    urgentNoNurse:
      "I'm sorry, no nurse can take your call right now. If this is an emergency, hang up and dial 9 1 1 now. Your message was sent to your care team as urgent, and they will call you back as soon as they can. Goodbye.",
  },
};
