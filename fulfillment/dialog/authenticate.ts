import type { LexV2Result } from 'aws-lambda';
import { AUTH_RESULTS, INTENTS, IVR_NEXT, NAME_ELICITATION_STYLE, SESSION_ATTRIBUTES, SLOTS, type AuthResult, type IvrNext } from '../../contract';
import { EpicError, isSearchableName, throwIfPastDeadline, toE164 } from '../epic';
import { slotText } from '../lex/event';
import { close, delegate, elicitSlot } from '../lex/response';
import type { Speech } from '../lex/speech';
import { lockoutKey } from '../verification';
import { readBirthDate } from './birthDate';
import { readGender } from './gender';
import type { Turn } from './turn';

/** Failed matches in one call before the flow is told to transfer: the first try and two retries. */
export const MAX_ATTEMPTS_PER_CALL = 3;

/** `VerifyIdentity`: checks each answer as it comes (dialog hook), then matches the chart (fulfillment). */
export async function verifyIdentity(turn: Turn): Promise<LexV2Result> {
  const phone = toE164(turn.attributes[SESSION_ATTRIBUTES.callerNumber], turn.deps.phoneRegion);
  if (!phone) return finish(turn, AUTH_RESULTS.noCallerId, IVR_NEXT.transfer, turn.phrases.noCallerId());
  const callerKey = lockoutKey(phone, turn.deps.lockoutSecret);
  if (await turn.deps.lockout.isLocked(callerKey)) return finish(turn, AUTH_RESULTS.locked, IVR_NEXT.transfer, turn.phrases.lockedOut());

  const slots = turn.event.sessionState.intent.slots;
  takeKeyedBirthDate(turn);
  const birthSlot = slots[SLOTS.birthDate]?.value;
  const birthDate = birthSlot ? readBirthDate(birthSlot.interpretedValue, birthSlot.originalValue, new Date(turn.deps.clock.now())) : undefined;
  if (birthDate && !birthDate.ok) {
    turn.outcome = `birthDate.${birthDate.problem}`;
    return elicitSlot(turn, SLOTS.birthDate, turn.phrases.askBirthDateAgain(), [SLOTS.birthDate]);
  }
  if (birthSlot && birthDate?.ok) {
    // Lex keeps the slot as we return it: a keyed date gets the ISO value AMAZON.Date would have given.
    slots[SLOTS.birthDate] = {
      shape: 'Scalar',
      value: { originalValue: birthSlot.originalValue, interpretedValue: birthDate.isoDate, resolvedValues: [birthDate.isoDate] },
    };
  }
  const genderSlot = slots[SLOTS.gender]?.value;
  const gender = genderSlot ? readGender(genderSlot.interpretedValue, genderSlot.originalValue, turn.locale) : undefined;
  if (genderSlot && !gender) {
    turn.outcome = 'gender.unreadable';
    return elicitSlot(turn, SLOTS.gender, turn.phrases.askGenderAgain(), [SLOTS.gender]);
  }
  // The names every match needs: both under the name search; under telecom the first name is asked
  // only to tell apart charts that share the number and birth date, and checked whenever given.
  const names = turn.deps.searchStrategy === 'name' ? [SLOTS.firstName, SLOTS.lastName] : [];
  // A blank name, or one holding characters no name has (`,` is OR in a FHIR search), is asked again:
  // it would otherwise reach Epic, or end as "I can't reach your records".
  const unsearchable = [SLOTS.firstName, SLOTS.lastName].find((name) => {
    const text = slotText(slots, name);
    return text !== undefined && !isSearchableName(text);
  });
  if (unsearchable) {
    turn.outcome = 'name.unsearchable';
    return askName(turn, unsearchable, 'again', [unsearchable]);
  }
  const answered = answeredSlot(turn);
  if (turn.event.invocationSource === 'DialogCodeHook' && (answered === SLOTS.firstName || answered === SLOTS.lastName) && !slotText(slots, answered)) {
    // Lex could not make a name of what was spelled: asked again, never guessed.
    turn.outcome = 'elicit.name';
    return askName(turn, answered, 'again');
  }
  const missing = [...names, SLOTS.birthDate, SLOTS.gender].find((name) => !slotText(slots, name));
  if (missing || !birthDate?.ok || !gender) {
    turn.outcome = 'elicit';
    if (missing === SLOTS.firstName || missing === SLOTS.lastName) {
      // Asked here rather than delegated: Lex listens for spelled letters only when the code hook
      // elicits in that style.
      turn.outcome = 'elicit.name';
      return askName(turn, missing, answered === missing ? 'again' : 'first');
    }
    if (turn.event.invocationSource === 'DialogCodeHook') {
      if (missing === SLOTS.gender && isNewAfterFailedMatch(turn, SLOTS.gender)) {
        // Lex counts this as a retry of the slot it asked before the failed match and would say
        // "didn't catch that": nothing was missed, so the question is asked as the first time.
        turn.outcome = 'elicit.afterFailedMatch';
        return elicitSlot(turn, SLOTS.gender, turn.phrases.askGender());
      }
      // Lex asks for the next slot with the bot's own prompts, retries and keypad settings.
      return delegate(turn);
    }
    return elicitSlot(turn, missing ?? SLOTS.birthDate, missing === SLOTS.gender ? turn.phrases.askGenderAgain() : turn.phrases.askBirthDateAgain());
  }
  if (turn.event.invocationSource === 'DialogCodeHook') {
    // Every answer is usable: fulfillment does the lookup, under the bot's "one moment" update.
    turn.outcome = 'ready';
    return delegate(turn);
  }

  // Counted before Epic is asked, atomically: parallel calls from one number cannot together try
  // more than the lockout allows. A success, a lookup that never happened, or one the turn's
  // deadline cut short, gives it back.
  throwIfPastDeadline(turn.signal);
  const reservation = await turn.deps.lockout.reserveAttempt(callerKey);
  if (!reservation.allowed) return finish(turn, AUTH_RESULTS.locked, IVR_NEXT.transfer, turn.phrases.lockedOut(), 'Failed', 'locked.reserve');

  const given = slotText(slots, SLOTS.firstName);
  const family = slotText(slots, SLOTS.lastName);
  let match;
  try {
    match = await turn.deps.epic.findPatient({
      phone,
      birthDate: birthDate.isoDate,
      gender,
      ...(given !== undefined ? { given } : {}),
      ...(family !== undefined ? { family } : {}),
    }, { signal: turn.signal });
    // An answer after the deadline reaches no one: the caller has been offered a person.
    throwIfPastDeadline(turn.signal);
  } catch (error) {
    // Given back before the turn answers, the deadline's answer included (the code hook waits for it).
    await turn.deps.lockout.releaseAttempt(callerKey);
    if (!(error instanceof EpicError) || turn.signal?.aborted) throw error;
    turn.outcome = `epic.${error.name}`;
    return finish(turn, AUTH_RESULTS.failed, IVR_NEXT.transfer, turn.phrases.epicUnavailable());
  }

  if (match.kind === 'firstNameNeeded') {
    // Not a failure: the number and birth date fit more than one chart (twins), and sex alone must not
    // tell them apart. The first name does; it is checked like every answer, and a wrong one fails.
    await turn.deps.lockout.releaseAttempt(callerKey);
    turn.outcome = 'match.firstNameNeeded';
    return askName(turn, SLOTS.firstName, 'first', [SLOTS.firstName], turn.phrases.firstNameToo());
  }

  if (match.kind === 'matched') {
    // Only this attempt is given back: failures of other attempts in the window stay counted.
    await turn.deps.lockout.releaseAttempt(callerKey);
    // Others' failures may have locked the number while Epic answered: then no token either.
    if (await turn.deps.lockout.isLocked(callerKey)) return finish(turn, AUTH_RESULTS.locked, IVR_NEXT.transfer, turn.phrases.lockedOut(), 'Failed', 'locked.recheck');
    // Past the deadline the caller hears the apology, not the greeting: no success audited, no token.
    throwIfPastDeadline(turn.signal);
    // Audited before the token exists: no access to the chart without its audit record.
    await turn.deps.audit.record({
      sessionId: turn.event.sessionId,
      patientId: match.patientId,
      action: 'authenticate',
      resourceTypes: ['Patient'],
      outcome: 'success',
      at: new Date(turn.deps.clock.now()).toISOString(),
    });
    throwIfPastDeadline(turn.signal);
    turn.attributes[SESSION_ATTRIBUTES.sessionToken] = await turn.deps.sessions.issue(
      { patientId: match.patientId, ...(match.givenName ? { givenName: match.givenName } : {}) },
      { sessionId: turn.event.sessionId },
    );
    delete turn.attributes[SESSION_ATTRIBUTES.authAttempts];
    return finish(turn, AUTH_RESULTS.ok, IVR_NEXT.services, turn.phrases.greeting(match.givenName), 'Fulfilled');
  }

  const { locked } = reservation;
  const attempts = Number(turn.attributes[SESSION_ATTRIBUTES.authAttempts] ?? '0') + 1;
  turn.attributes[SESSION_ATTRIBUTES.authAttempts] = String(attempts);
  if (locked) return finish(turn, AUTH_RESULTS.locked, IVR_NEXT.transfer, turn.phrases.lockedOut(), 'Failed', `match.${match.kind}`);
  if (attempts >= MAX_ATTEMPTS_PER_CALL) {
    return finish(turn, AUTH_RESULTS.failed, IVR_NEXT.transfer, turn.phrases.identityFailedTransfer(), 'Failed', `match.${match.kind}`);
  }
  // Neutral on purpose: never say which answer was wrong. Every answer is asked anew, the names
  // first and spelled: a name Epic's chart does not have is never corrected to one it has.
  turn.outcome = `match.${match.kind}.retry`;
  const cleared = [...new Set([...names, ...(given !== undefined ? [SLOTS.firstName] : []), SLOTS.birthDate, SLOTS.gender])];
  if (names.length > 0) return askName(turn, SLOTS.firstName, 'first', cleared, turn.phrases.identityNotConfirmed());
  return elicitSlot(turn, SLOTS.birthDate, [...turn.phrases.identityNotConfirmed(), ...turn.phrases.askBirthDateAgain()], cleared);
}

/**
 * Asks for a name slot to be spelled, in Lex's spell-by-letter style: `first` with the question as
 * first asked, `again` after a name not heard or not searchable. `before` is said first.
 */
function askName(
  turn: Turn,
  slot: typeof SLOTS.firstName | typeof SLOTS.lastName,
  ask: 'first' | 'again',
  clearSlots: readonly string[] = [],
  before: readonly Speech[] = [],
): LexV2Result {
  const part = slot === SLOTS.firstName ? 'first' : 'last';
  const question = ask === 'first' ? turn.phrases.askName(part) : turn.phrases.askNameAgain(part);
  return elicitSlot(turn, slot, [...before, ...question], clearSlots, NAME_ELICITATION_STYLE);
}

/** The slot whose answer this turn carries: the one Lex was asking for, if any. */
function answeredSlot(turn: Turn): string | undefined {
  return turn.event.invocationLabel ?? turn.event.sessionState.dialogAction?.slotToElicit ?? undefined;
}

/** `FallbackIntent` of PatientAuth: steer back to the birth date question, then to a person. */
export async function authFallback(turn: Turn): Promise<LexV2Result> {
  if (isKeyedBirthDate(turn.event.inputTranscript)) {
    // Eight keys before any question was answered match no utterance, so Lex lands here: they are
    // the birth date the greeting asked for, not a misunderstanding.
    const retarget: Turn = {
      ...turn,
      event: {
        ...turn.event,
        invocationLabel: SLOTS.birthDate,
        sessionState: { ...turn.event.sessionState, intent: { ...turn.event.sessionState.intent, name: INTENTS.verifyIdentity, slots: {} } },
      },
    };
    const result = await verifyIdentity(retarget);
    turn.outcome = `keyedFirst.${retarget.outcome}`;
    return result;
  }
  const count = Number(turn.attributes[SESSION_ATTRIBUTES.fallbackCount] ?? '0') + 1;
  turn.attributes[SESSION_ATTRIBUTES.fallbackCount] = String(count);
  if (count >= 2) return finish(turn, AUTH_RESULTS.failed, IVR_NEXT.transfer, turn.phrases.transfer(), 'Failed', 'fallback.transfer');
  turn.outcome = 'fallback';
  const retarget = { ...turn, event: { ...turn.event, sessionState: { ...turn.event.sessionState, intent: { name: INTENTS.verifyIdentity, slots: {} } } } };
  return elicitSlot(retarget, SLOTS.birthDate, [...turn.phrases.notUnderstood(), ...turn.phrases.askBirthDateAgain()]);
}

/**
 * `AMAZON.Date` does not resolve eight keyed digits (MMDDYYYY), so the slot arrives empty while the
 * digits sit in the transcript. When Lex was asking for the birth date, take them as the answer.
 */
function takeKeyedBirthDate(turn: Turn): void {
  const slots = turn.event.sessionState.intent.slots;
  const asking = turn.event.sessionState.dialogAction?.slotToElicit ?? turn.event.proposedNextState?.dialogAction?.slotToElicit;
  const keyed = isKeyedBirthDate(turn.event.inputTranscript);
  if (slots[SLOTS.birthDate] || !keyed) return;
  if (asking !== SLOTS.birthDate && turn.event.invocationLabel !== SLOTS.birthDate) return;
  slots[SLOTS.birthDate] = { shape: 'Scalar', value: { originalValue: keyed, resolvedValues: [] } };
}

/**
 * Whether `slot` is about to be asked for the first time since a failed match in this call: a match
 * failed, and the answer of this turn was to another question (an answer to `slot` itself that Lex
 * could not resolve is a real retry, and Lex's retry prompt is right for it).
 */
function isNewAfterFailedMatch(turn: Turn, slot: string): boolean {
  if (Number(turn.attributes[SESSION_ATTRIBUTES.authAttempts] ?? '0') < 1) return false;
  const answered = answeredSlot(turn);
  return answered !== undefined && answered !== slot;
}

/** The eight digits of a keyed birth date (keys alone, spaces, `#` and `*` ignored), or `undefined`. */
function isKeyedBirthDate(transcript: string): string | undefined {
  if (!/^[\d\s#*]+$/.test(transcript)) return undefined;
  const digits = transcript.replace(/[\s#*]/g, '');
  return /^\d{8}$/.test(digits) ? digits : undefined;
}

function finish(
  turn: Turn,
  result: AuthResult,
  next: IvrNext,
  speech: Speech[],
  state: 'Fulfilled' | 'Failed' = 'Failed',
  outcome: string = result,
): LexV2Result {
  turn.attributes[SESSION_ATTRIBUTES.authResult] = result;
  turn.attributes[SESSION_ATTRIBUTES.ivrNext] = next;
  if (result !== AUTH_RESULTS.ok) delete turn.attributes[SESSION_ATTRIBUTES.sessionToken];
  turn.outcome = outcome;
  return close(turn, state, speech);
}

