import { LOCALE_ID } from '../../contract';
import { CATALOGS, isKeyed, type NamePart, type Spoken } from '../../prompts';
import { digits, pause, say, slowly, type Speech } from '../lex/speech';
import type { RedFlagId } from '../notes/redFlags';

/** The words; one locale today, so the catalog is fixed here rather than chosen per call. */
const WORDS = CATALOGS[LOCALE_ID];

/** Catalog words as speech: each run of words said as written, each keypad key read digit by digit. */
function spoken(text: Spoken): Speech[] {
  if (!isKeyed(text)) return [say(text)];
  return text.parts.flatMap((part) => {
    if (typeof part !== 'string') return [digits(part.key)];
    const words = part.trim();
    return words === '' ? [] : [say(words)];
  });
}

/**
 * Everything the code hook says, as speech: the words come from the prompt catalog (`prompts/`),
 * and this file decides only how they sound (pauses, slower drug names, keys as digits).
 */
export const PHRASES = {
  menu: (): Speech[] => spoken(WORDS.menu.options),
  /** The keypad shortcuts, then the question: on help and after a miss. */
  menuKeys: (): Speech[] => [...spoken(WORDS.menu.keys), pause(), say(WORDS.menu.whatNext)],
  greeting: (givenName: string | undefined): Speech[] => [say(WORDS.verification.verified(givenName)), pause()],
  noCallerId: (): Speech[] => [say(WORDS.verification.noCallerId), say(WORDS.verification.connectingYou)],
  identityNotConfirmed: (): Speech[] => [say(WORDS.verification.notConfirmed), pause()],
  firstNameToo: (): Speech[] => [say(WORDS.verification.firstNameToo)],
  identityFailedTransfer: (): Speech[] => [say(WORDS.verification.failedTransfer)],
  lockedOut: (): Speech[] => [say(WORDS.verification.lockedOut), say(WORDS.verification.connectingYou)],
  askBirthDateAgain: (): Speech[] => spoken(WORDS.birthDate.askAgain),
  askGender: (): Speech[] => spoken(WORDS.gender.ask),
  askGenderAgain: (): Speech[] => spoken(WORDS.gender.askAgain),
  askName: (part: NamePart): Speech[] => [say(WORDS.spellNameAsk(part))],
  askNameAgain: (part: NamePart): Speech[] => [say(WORDS.spellNameAgain(part))],
  needVerification: (): Speech[] => [say(WORDS.verification.needVerification)],
  medicationsCount: (count: number, atLeast = false): Speech[] => [say(WORDS.medications.count(count, atLeast)), pause()],
  medicationItem: (sentence: string): Speech[] => [slowly(sentence), pause(400)],
  medicationsMore: (): Speech[] => spoken(WORDS.medications.more),
  medicationsEndPartial: (read: number): Speech[] => spoken(WORDS.medications.endPartial(read)),
  medicationsEnd: (): Speech[] => spoken(WORDS.medications.end),
  noMedications: (): Speech[] => [say(WORDS.medications.none)],
  appointmentsCount: (count: number): Speech[] => [say(WORDS.appointments.count(count)), pause()],
  appointmentsNext: (): Speech[] => [say(WORDS.appointments.nextOne)],
  appointmentItem: (sentence: string): Speech[] => [say(sentence), pause(400)],
  appointmentsMore: (): Speech[] => spoken(WORDS.appointments.more),
  appointmentsEnd: (): Speech[] => spoken(WORDS.appointments.end),
  appointmentsEndPartial: (read: number): Speech[] => spoken(WORDS.appointments.endPartial(read)),
  noAppointments: (): Speech[] => spoken(WORDS.appointments.none),
  whichAppointment: (): Speech[] => [say(WORDS.appointments.whichOne)],
  noSuchAppointment: (count: number): Speech[] => [say(WORDS.appointments.noSuchOne(count))],
  toScheduling: (when: string): Speech[] => [say(WORDS.appointments.toScheduling(when))],
  nothingToRepeat: (): Speech[] => [say(WORDS.menu.nothingToRepeat)],
  noMoreItems: (): Speech[] => [say(WORDS.menu.noMoreItems)],
  epicUnavailable: (): Speech[] => [say(WORDS.problems.recordsUnavailable)],
  epicSlow: (): Speech[] => [say(WORDS.problems.recordsSlow)],
  recordConfirm: (): Speech[] => [say(WORDS.menu.recordConfirm)],
  help: (): Speech[] => [say(WORDS.menu.help), pause()],
  transfer: (): Speech[] => [say(WORDS.menu.transfer)],
  goodbye: (): Speech[] => [say(WORDS.menu.goodbye)],
  notUnderstood: (): Speech[] => [say(WORDS.menu.notUnderstood)],
  notUnderstoodOfferPerson: (): Speech[] => spoken(WORDS.menu.notUnderstoodOfferPerson),
  emergency: (): Speech[] => [say(WORDS.emergency.advice), pause(), say(WORDS.emergency.personInstead)],
  emergencyCheck: (flag: RedFlagId): Speech[] => [say(WORDS.emergency.check[flag])],
  apology: (): Speech[] => [say(WORDS.problems.apology)],
  refillWhichOne: (options: readonly string[], keys: readonly string[]): Speech[] => spoken(WORDS.refills.whichOne(options, keys)),
  refillConfirm: (medication: string): Speech[] => spoken(WORDS.refills.confirm(medication)),
  refillsLeft: (medication: string): Speech[] => spoken(WORDS.refills.refillsLeft(medication)),
  refillConfirmAgain: (): Speech[] => spoken(WORDS.refills.confirmAgain),
  refillSent: (medication: string): Speech[] => [say(WORDS.refills.sent(medication)), pause()],
  refillAlreadySent: (medication: string): Speech[] => [say(WORDS.refills.alreadySent(medication)), pause()],
  refillNotSent: (): Speech[] => [say(WORDS.refills.notSent), pause()],
  refillNotOnList: (): Speech[] => [say(WORDS.refills.notOnList)],
  refillListUnavailable: (): Speech[] => [say(WORDS.refills.listUnavailable)],
  refillNoMedications: (): Speech[] => [say(WORDS.refills.noMedications)],
  refillStillUnclear: (): Speech[] => [say(WORDS.refills.stillUnclear)],
  refillSendFailed: (): Speech[] => [say(WORDS.refills.sendFailed)],
  textOffer: (): Speech[] => [pause(), say(WORDS.texts.offer)],
  textAskAppointment: (lastFour: string): Speech[] => [say(WORDS.texts.askAppointment(lastFour))],
  textAskRequest: (lastFour: string): Speech[] => [say(WORDS.texts.askRequest(lastFour))],
  textSent: (): Speech[] => [say(WORDS.texts.sent), pause()],
  textDeclined: (): Speech[] => [say(WORDS.texts.declined), pause()],
  textNotSent: (): Speech[] => [say(WORDS.texts.notSent), pause()],
  textOptedOut: (): Speech[] => [say(WORDS.texts.optedOut), pause()],
  textCannotTextNumber: (): Speech[] => [say(WORDS.texts.cannotTextNumber), pause()],
  textAlreadySent: (): Speech[] => [say(WORDS.texts.alreadySent), pause()],
  nothingToText: (): Speech[] => [say(WORDS.texts.nothingToText), pause()],
} as const;
