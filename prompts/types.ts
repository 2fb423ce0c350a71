import type { RedFlagId } from '../contract';

/**
 * The shape of a prompt catalog: every word a caller hears, in one locale. A locale is one file
 * that exports a {@link PromptCatalog}; the bot definitions (`bots/`) and the dialog
 * (`fulfillment/dialog/phrases.ts`) read the same entries, so nothing spoken is written twice.
 *
 * A catalog holds words only. How they sound (pauses, slower speech, SSML) is decided where they
 * are spoken: by `bots/` for the prompts Lex plays itself, by the dialog for the code hook's answers.
 */

/** A keypad key inside a sentence: voice reads it digit by digit, text shows it as typed. */
export interface KeyMark {
  /** The key or keys, e.g. `'1'`, from `contract/keypad.ts` (or an example of keyed digits). */
  readonly key: string;
}

/**
 * Words with keypad keys in them, made with the `keyed` template tag. Words and keys alternate as
 * written; adjacent words are merged and empty ones dropped.
 */
export interface KeyedText {
  /** Words (as written, spaces included) and keys, in spoken order. */
  readonly parts: readonly (string | KeyMark)[];
}

/** Something a caller hears: plain words, or words with keys in them. */
export type Spoken = string | KeyedText;

/** An instruction, a short pause, then an example of keyed digits read one by one. */
export interface KeypadExample {
  /** What to key. */
  readonly instruction: string;
  /** The example, after the pause; its key is read as digits. */
  readonly example: KeyedText;
}

/** One prompt Lex plays itself for a slot (the first ask, or a retry). */
export type SlotPrompt = Spoken | KeypadExample;

/** Which name a name slot asks for. */
export type NamePart = 'first' | 'last';

/** Every word a caller hears, in one locale, grouped by the moment of the call that uses it. */
export interface PromptCatalog {
  /** The caller's date of birth. */
  readonly birthDate: {
    /** Lex's prompts for the BirthDate slot: the question, then one per retry, played in order. */
    readonly slotPrompts: readonly SlotPrompt[];
    /** The code hook's own ask after a date it could not accept (unreadable, future, over 120). */
    readonly askAgain: Spoken;
  };
  /** The sex on the medical record. */
  readonly gender: {
    /** Lex's prompts for the Gender slot, in order; each announces the keys. */
    readonly slotPrompts: readonly SlotPrompt[];
    /**
     * The question as first asked (Lex's first slot prompt): the code hook asks with it when the
     * question is new again, after a failed identity match, since nothing was missed.
     */
    readonly ask: Spoken;
    /** The code hook's own ask after an answer it could not read. */
    readonly askAgain: Spoken;
  };
  /** Lex's prompts for a name slot (spelled letter by letter), in order. */
  readonly spellName: (part: NamePart) => readonly SlotPrompt[];
  /**
   * The question as first asked (Lex's first prompt of the name slot). The code hook asks for names
   * itself, since only its ElicitSlot can make Lex listen for spelled letters.
   */
  readonly spellNameAsk: (part: NamePart) => string;
  /** The code hook's own ask after a name it did not get or cannot search with (blank, or characters no name has). */
  readonly spellNameAgain: (part: NamePart) => string;
  /** Said by Lex while a slow lookup runs (fulfillment updates), so the line is not silent. */
  readonly waiting: {
    /** While PatientAuth searches Epic for the caller. */
    readonly findingRecord: string;
    /** While a menu answer is looked up (medications). */
    readonly lookingUp: string;
    /** Repeated while the lookup still runs. */
    readonly stillWorking: string;
  };
  /** Verifying who is calling. */
  readonly verification: {
    /** Success, with the caller's given name when Epic has one. */
    readonly verified: (givenName: string | undefined) => string;
    /** The flow passed no calling number. */
    readonly noCallerId: string;
    /** Before a transfer to the front desk. */
    readonly connectingYou: string;
    /**
     * Before the first name is asked because charts on the calling number share the birth date
     * (twins; `telecom` search only). Says nothing of what matched.
     */
    readonly firstNameToo: string;
    /** The answers matched no one, and one more try is left. */
    readonly notConfirmed: string;
    /** The last try failed; the caller is transferred. */
    readonly failedTransfer: string;
    /** Too many failures for this number recently. */
    readonly lockedOut: string;
    /** A menu choice needs a verified caller, and the session token is missing or invalid. */
    readonly needVerification: string;
  };
  /** The PatientServices menu. */
  readonly menu: {
    /** The options, speech first and short: no keys (they are announced on request or after a miss). */
    readonly options: Spoken;
    /** The keypad shortcuts, for help and after a turn that was not understood. */
    readonly keys: Spoken;
    /** The question after the keys. */
    readonly whatNext: string;
    /** What the line can do, before the keys. */
    readonly help: string;
    /** Before the flow records a message for the care team. */
    readonly recordConfirm: string;
    /** Before a transfer on the caller's request. */
    readonly transfer: string;
    /** The end of the call. */
    readonly goodbye: string;
    /** A first answer that matched no option. */
    readonly notUnderstood: string;
    /** The second miss in a row: offer a person, with the key. */
    readonly notUnderstoodOfferPerson: Spoken;
    /** "Repeat" before anything was said. */
    readonly nothingToRepeat: string;
    /** "More" after the last page. */
    readonly noMoreItems: string;
  };
  /** Reading the active medication list. */
  readonly medications: {
    /** How many there are; `atLeast` when Epic's list was cut short. */
    readonly count: (count: number, atLeast: boolean) => string;
    /** After a page, when more follow. */
    readonly more: Spoken;
    /** After the last page readable on the phone, when the list has more (`read` were read). */
    readonly endPartial: (read: number) => Spoken;
    /** After the last page. */
    readonly end: Spoken;
    /** None on file. */
    readonly none: string;
    /**
     * Said, in the caller's language, instead of a medication's instructions when they exist only in
     * English (free text, or a code with no rendering in the caller's language): never translated by
     * machine, never half-translated. `name` is the drug name as spoken.
     */
    readonly instructionsInEnglish: (name: string) => string;
  };
  /**
   * The choice after a page of medications or appointments whose instructions exist only in English
   * (`medications.instructionsInEnglish`, `appointments.instructionsInEnglish`).
   */
  readonly englishChoice: {
    /** Hear them in English, or a person (keys of `ENGLISH_INSTRUCTIONS_KEYS`). */
    readonly hearInEnglishOrPerson: Spoken;
    /** Said just before the English, when the caller chose to hear it. */
    readonly englishFollows: string;
  };
  /** Reading the appointments to come, and handing a change to scheduling. */
  readonly appointments: {
    /** How many there are, before the first one. */
    readonly count: (count: number) => string;
    /** Before the first appointment read. */
    readonly nextOne: string;
    /** When: a weekday and date, then a time, both already in words ("Tuesday, March 10", "2:30 PM"). */
    readonly when: (date: string, time: string) => string;
    /** Who: the providers' names, joined ("Dr. Priya Raman and Dr. Ken Ito"). */
    readonly withProviders: (names: string) => string;
    /** The word between the last two of several names. */
    readonly and: string;
    /** The department or specialty. */
    readonly department: (department: string) => string;
    /** The place, by name and street address. */
    readonly place: (place: string) => string;
    /** A video visit. */
    readonly video: string;
    /** In person. */
    readonly inPerson: string;
    /** The patient instructions Epic gives, as written: in an English call (the chart's language). */
    readonly instructions: (text: string) => string;
    /**
     * Said, in a call of another language, instead of the patient instructions: Epic's free text is
     * English and is never machine-translated; the caller then chooses to hear the appointment in
     * English or a person (`englishChoice`, the same choice as for medications).
     */
    readonly instructionsInEnglish: string;
    /** After a page, when more follow. */
    readonly more: Spoken;
    /** After the last page. */
    readonly end: Spoken;
    /** After the last appointment the phone keeps, when there are more (`read` were read). */
    readonly endPartial: (read: number) => Spoken;
    /** None from now on. */
    readonly none: Spoken;
    /** "Change one" after a list of several, with no position said: which one? */
    readonly whichOne: string;
    /** The caller named a position the list does not have. */
    readonly noSuchOne: (count: number) => string;
    /** Before the transfer to scheduling, with the appointment's date and time in words. */
    readonly toScheduling: (when: string) => string;
    /**
     * Words a caller uses for a position in the list, by position (index 0 is "first"), each a list
     * of alternatives matched as whole words ("second", "2nd", "two").
     */
    readonly positions: readonly (readonly string[])[];
    /**
     * Words that ask for a change ("cancel", "reschedule"), matched as whole words: a bare "the first
     * one" with no appointment list heard on the call is not a request to change one.
     */
    readonly changeWords: readonly string[];
  };
  /** A refill request for a medication of the caller's active list (`medication` is its spoken name). */
  readonly refills: {
    /** Which one: keys for the medications offered, in order (`options[0]` is key 1), or its name. */
    readonly whichOne: (options: readonly string[], keys: readonly string[]) => Spoken;
    /** Yes or no to the medication named. */
    readonly confirm: (medication: string) => Spoken;
    /** The order still states refills: the pharmacy can fill it; yes or no to sending the request anyway. */
    readonly refillsLeft: (medication: string) => Spoken;
    /** The yes or no again, after an unclear answer. */
    readonly confirmAgain: Spoken;
    /** The request was handed to the care team. */
    readonly sent: (medication: string) => string;
    /** The same medication was already requested this call: nothing is sent twice. */
    readonly alreadySent: (medication: string) => string;
    /** The caller said no: nothing was sent. */
    readonly notSent: string;
    /** A medication not on the active list (or one that cannot be requested by phone): a person next. */
    readonly notOnList: string;
    /** The list could not be read from Epic: a person next. */
    readonly listUnavailable: string;
    /** No active medications on file: a person next. */
    readonly noMedications: string;
    /** Still unclear after a retry: a person next. */
    readonly stillUnclear: string;
    /** Handing the request over failed: a person next. */
    readonly sendFailed: string;
  };
  /**
   * "Text me the details": what the code hook says about a text, and the words of the text itself
   * (a closed set of templates: date, time and street address, or "request received"; nothing clinical).
   */
  readonly texts: {
    /** Appended to an answer that can be texted (appointments, a filed request). */
    readonly offer: string;
    /** "Shall I send it?" for an appointment, with the calling number's last four digits (spaced, said one by one). */
    readonly askAppointment: (lastFour: string) => string;
    /** "Shall I send it?" for a filed request. */
    readonly askRequest: (lastFour: string) => string;
    /** The text went out. */
    readonly sent: string;
    /** The caller said no (or nothing). */
    readonly declined: string;
    /** Sending failed (any error): the caller hears it was not sent. */
    readonly notSent: string;
    /** The number replied STOP earlier: nothing is sent to it. */
    readonly optedOut: string;
    /** The calling number is withheld or not a US number that takes texts. */
    readonly cannotTextNumber: string;
    /** Asked again for the same details. */
    readonly alreadySent: string;
    /** "Text me" before anything that can be texted was heard. */
    readonly nothingToText: string;
    /** Who a text is from when the clinic has no configured name. */
    readonly defaultSender: string;
    /** The text of an appointment: date and time in the clinic's time zone, the street address when known. */
    readonly appointment: (parts: { readonly sender: string; readonly date: string; readonly time: string; readonly address: string | undefined }) => string;
    /** The text of a filed request. */
    readonly requestReceived: (sender: string) => string;
    /** The last words of every text: how to stop them. */
    readonly optOut: string;
  };
  /** Something failed on the clinic's side. */
  readonly problems: {
    /** Epic answered with an error or not at all. */
    readonly recordsUnavailable: string;
    /** Epic took too long. */
    readonly recordsSlow: string;
    /** Anything else. */
    readonly apology: string;
  };
  /** The caller said something that sounds like an emergency. */
  readonly emergency: {
    /** Dial 911. */
    readonly advice: string;
    /** Or talk to a person here. */
    readonly personInstead: string;
    /**
     * The one yes/no question after an emergency the caller denied ("I don't have chest pain…"),
     * by red flag (`contract/redFlags.ts`). Only a plain "no" goes on.
     */
    readonly check: Readonly<Record<RedFlagId, string>>;
    /**
     * The one sentence naming what an urgent caller said in their message, by red flag ("You
     * mentioned chest pain."): the flow plays it at `#` before the 911 advice (live triage).
     */
    readonly mentioned: Readonly<Record<RedFlagId, string>>;
  };
  /** What the contact flow says itself (`contact-flows/patient-ivr.json`, filled in when it is rendered). */
  readonly flow: {
    /** The first words of the call. */
    readonly greeting: string;
    /**
     * The offer of this catalog's language, said in it, at the greeting of a line whose default is
     * another language ("Para español, oprima 2" on an English line): before the choice, the caller
     * may not understand the line's language. `key` is the language's key (`LANGUAGE_KEYS`).
     */
    readonly offerLanguage: (key: string) => Spoken;
    /** The flow's fallback ask for a birth date, before the bot takes over. */
    readonly askBirthDate: string;
    /** Before the caller records a message: what to say, that it is not for emergencies, how to end. */
    readonly recordingInstructions: string;
    /** The message reached the care team's queue. */
    readonly messageSent: string;
    /** The message is kept and will be sent shortly. */
    readonly messageSaved: string;
    /** The recording could not be confirmed; a person is offered. */
    readonly messageNotConfirmed: Spoken;
    /** One message per call. */
    readonly alreadyLeftMessage: string;
    /** The session expired before a message: the caller verifies again. */
    readonly verifyAgainForMessage: string;
    /** Recording is not possible now; back to the menu. */
    readonly cannotTakeMessage: string;
    /** An error in the flow; a person is next. */
    readonly somethingWentWrong: string;
    /** Outside the transfer queue's hours. */
    readonly officeClosed: string;
    /** The queue is full. */
    readonly staffBusy: string;
    /** The transfer failed. */
    readonly couldNotConnect: string;
    /** An urgent message (live triage at `#`): the 911 advice, then the transfer to a nurse. */
    readonly urgentAdvice: string;
    /** The urgent (nurse) queue is closed or full: the transfer to the after-hours nurse number. */
    readonly urgentAfterHours: string;
    /** No nurse can be reached: the 911 advice again, and a polite end of the call. */
    readonly urgentNoNurse: string;
  };
}
