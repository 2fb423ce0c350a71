import { isKeyed, type NamePart, type PromptCatalog, type Spoken } from '../../prompts';
import { digits, pause, say, slowly, type Speech } from '../lex/speech';
import type { RedFlagId } from '../notes/redFlags';

/** Catalog words as speech: each run of words said as written, each keypad key read digit by digit. */
function spoken(text: Spoken): Speech[] {
  if (!isKeyed(text)) return [say(text)];
  return text.parts.flatMap((part) => {
    if (typeof part !== 'string') return [digits(part.key)];
    const words = part.trim();
    return words === '' ? [] : [say(words)];
  });
}

/** Everything the code hook says, as speech, in one locale: what {@link phrasesFor} returns. */
export type Phrases = ReturnType<typeof buildPhrases>;

/** Phrases already built, per catalog: a catalog is one object per locale, so each is built once per container. */
const built = new WeakMap<PromptCatalog, Phrases>();

/**
 * Everything the code hook says, as speech, in a catalog's words: the words come from the prompt
 * catalog (`prompts/`), and this file decides only how they sound (pauses, slower drug names, keys
 * as digits). The turn holds the phrases of its locale (`turn.phrases`).
 *
 * @example
 * phrasesFor(catalogFor(event.bot.localeId)).goodbye(); // the locale's `menu.goodbye`, as speech
 */
export function phrasesFor(catalog: PromptCatalog): Phrases {
  let phrases = built.get(catalog);
  if (!phrases) {
    phrases = buildPhrases(catalog);
    built.set(catalog, phrases);
  }
  return phrases;
}

/** The phrases of one catalog: one entry per thing the code hook says. */
function buildPhrases(words: PromptCatalog) {
  return {
    menu: (): Speech[] => spoken(words.menu.options),
    /** The keypad shortcuts, then the question: on help and after a miss. */
    menuKeys: (): Speech[] => [...spoken(words.menu.keys), pause(), say(words.menu.whatNext)],
    greeting: (givenName: string | undefined): Speech[] => [say(words.verification.verified(givenName)), pause()],
    noCallerId: (): Speech[] => [say(words.verification.noCallerId), say(words.verification.connectingYou)],
    identityNotConfirmed: (): Speech[] => [say(words.verification.notConfirmed), pause()],
    firstNameToo: (): Speech[] => [say(words.verification.firstNameToo)],
    identityFailedTransfer: (): Speech[] => [say(words.verification.failedTransfer)],
    lockedOut: (): Speech[] => [say(words.verification.lockedOut), say(words.verification.connectingYou)],
    askBirthDateAgain: (): Speech[] => spoken(words.birthDate.askAgain),
    askGender: (): Speech[] => spoken(words.gender.ask),
    askGenderAgain: (): Speech[] => spoken(words.gender.askAgain),
    askName: (part: NamePart): Speech[] => [say(words.spellNameAsk(part))],
    askNameAgain: (part: NamePart): Speech[] => [say(words.spellNameAgain(part))],
    needVerification: (): Speech[] => [say(words.verification.needVerification)],
    medicationsCount: (count: number, atLeast = false): Speech[] => [say(words.medications.count(count, atLeast)), pause()],
    medicationItem: (sentence: string): Speech[] => [slowly(sentence), pause(400)],
    medicationsMore: (): Speech[] => spoken(words.medications.more),
    medicationsEndPartial: (read: number): Speech[] => spoken(words.medications.endPartial(read)),
    medicationsEnd: (): Speech[] => spoken(words.medications.end),
    noMedications: (): Speech[] => [say(words.medications.none)],
    /** After a page with instructions only in English: hear them in English, or a person. */
    hearInEnglishOrPerson: (): Speech[] => spoken(words.englishChoice.hearInEnglishOrPerson),
    /** "Here they are in English", then each English sentence, marked as English for the voice. */
    englishInstructions: (sentences: readonly string[]): Speech[] => [
      say(words.englishChoice.englishFollows),
      pause(),
      ...sentences.flatMap((sentence) => [slowly(sentence, 'en-US'), pause(400)]),
    ],
    appointmentsCount: (count: number): Speech[] => [say(words.appointments.count(count)), pause()],
    appointmentsNext: (): Speech[] => [say(words.appointments.nextOne)],
    appointmentItem: (sentence: string): Speech[] => [say(sentence), pause(400)],
    appointmentsMore: (): Speech[] => spoken(words.appointments.more),
    appointmentsEnd: (): Speech[] => spoken(words.appointments.end),
    appointmentsEndPartial: (read: number): Speech[] => spoken(words.appointments.endPartial(read)),
    noAppointments: (): Speech[] => spoken(words.appointments.none),
    whichAppointment: (): Speech[] => [say(words.appointments.whichOne)],
    noSuchAppointment: (count: number): Speech[] => [say(words.appointments.noSuchOne(count))],
    toScheduling: (when: string): Speech[] => [say(words.appointments.toScheduling(when))],
    nothingToRepeat: (): Speech[] => [say(words.menu.nothingToRepeat)],
    noMoreItems: (): Speech[] => [say(words.menu.noMoreItems)],
    epicUnavailable: (): Speech[] => [say(words.problems.recordsUnavailable)],
    epicSlow: (): Speech[] => [say(words.problems.recordsSlow)],
    recordConfirm: (): Speech[] => [say(words.menu.recordConfirm)],
    help: (): Speech[] => [say(words.menu.help), pause()],
    transfer: (): Speech[] => [say(words.menu.transfer)],
    goodbye: (): Speech[] => [say(words.menu.goodbye)],
    notUnderstood: (): Speech[] => [say(words.menu.notUnderstood)],
    notUnderstoodOfferPerson: (): Speech[] => spoken(words.menu.notUnderstoodOfferPerson),
    emergency: (): Speech[] => [say(words.emergency.advice), pause(), say(words.emergency.personInstead)],
    emergencyCheck: (flag: RedFlagId): Speech[] => [say(words.emergency.check[flag])],
    apology: (): Speech[] => [say(words.problems.apology)],
    refillWhichOne: (options: readonly string[], keys: readonly string[]): Speech[] => spoken(words.refills.whichOne(options, keys)),
    refillConfirm: (medication: string): Speech[] => spoken(words.refills.confirm(medication)),
    refillsLeft: (medication: string): Speech[] => spoken(words.refills.refillsLeft(medication)),
    refillConfirmAgain: (): Speech[] => spoken(words.refills.confirmAgain),
    refillSent: (medication: string): Speech[] => [say(words.refills.sent(medication)), pause()],
    refillAlreadySent: (medication: string): Speech[] => [say(words.refills.alreadySent(medication)), pause()],
    refillNotSent: (): Speech[] => [say(words.refills.notSent), pause()],
    refillNotOnList: (): Speech[] => [say(words.refills.notOnList)],
    refillListUnavailable: (): Speech[] => [say(words.refills.listUnavailable)],
    refillNoMedications: (): Speech[] => [say(words.refills.noMedications)],
    refillStillUnclear: (): Speech[] => [say(words.refills.stillUnclear)],
    refillSendFailed: (): Speech[] => [say(words.refills.sendFailed)],
    textOffer: (): Speech[] => [pause(), say(words.texts.offer)],
    textAskAppointment: (lastFour: string): Speech[] => [say(words.texts.askAppointment(lastFour))],
    textAskRequest: (lastFour: string): Speech[] => [say(words.texts.askRequest(lastFour))],
    textSent: (): Speech[] => [say(words.texts.sent), pause()],
    textDeclined: (): Speech[] => [say(words.texts.declined), pause()],
    textNotSent: (): Speech[] => [say(words.texts.notSent), pause()],
    textOptedOut: (): Speech[] => [say(words.texts.optedOut), pause()],
    textCannotTextNumber: (): Speech[] => [say(words.texts.cannotTextNumber), pause()],
    textAlreadySent: (): Speech[] => [say(words.texts.alreadySent), pause()],
    nothingToText: (): Speech[] => [say(words.texts.nothingToText), pause()],
  } as const;
}
