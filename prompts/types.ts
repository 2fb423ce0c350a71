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
    /** The options and their keys. */
    readonly options: Spoken;
    /** What the line can do, before the options. */
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
