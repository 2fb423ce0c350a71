import { randomUUID } from 'node:crypto';
import type { LexV2Result } from 'aws-lambda';
import * as z from 'zod';
import { INTENTS, SESSION_ATTRIBUTES } from '../../contract';
import { elicitIntent } from '../lex/response';
import type { Speech } from '../lex/speech';
import type { E164 } from '../epic';
import type { SessionClaims } from '../session';
// The SMS rules and errors, not the sms/ index: the dialog never loads the AWS SDK client (deps.ts wires it).
import { textBody, type TextContent } from '../sms/body';
import { lastFour, textDestination } from '../sms/destination';
import { SmsError, SmsOptedOutError } from '../sms/errors';
import { isClearNo } from './emergency';
import { requireCaller } from './session';
import type { DialogStep, Turn } from './turn';
import { isClearYes } from './yesNo';

/**
 * What an answer offers to text: an appointment the caller just heard (its start as an ISO instant,
 * and its street address line when Epic gave one; else the clinic's configured address is used), or
 * a request that was just filed.
 */
export type TextOffer = { readonly kind: 'appointment'; readonly startsAt: string; readonly addressLine?: string } | { readonly kind: 'requestReceived' };

const OFFER_PURPOSE = 'text-offer';

/** The longest address line kept in an offer (a text carries one line). */
const MAX_OFFER_ADDRESS = 200;

const contentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('appointment'), startsAt: z.iso.datetime({ offset: true }), addressLine: z.string().max(MAX_OFFER_ADDRESS).optional() }),
  z.object({ kind: z.literal('requestReceived') }),
]);

/** The offer as sealed in {@link SESSION_ATTRIBUTES.textOffer}: bound to the session by the seal, to the patient here. */
const sealedSchema = z.object({
  patientId: z.string().min(1),
  offerId: z.string().min(1),
  content: contentSchema,
  /** Set once the text went out: one text per offer. */
  sent: z.boolean().optional(),
});

type SealedOffer = z.infer<typeof sealedSchema>;

/**
 * Offers to text what the caller just heard: seals the offer into the `textOffer` session attribute
 * (encrypted, bound to this session and patient) and returns the words the step appends ("If you'd
 * like these details by text, say text me."). Nothing is offered, and nothing is said, when texting is
 * off (no origination identity), when the calling number is one no text may go to (withheld, not a US
 * number), when an appointment's start is no ISO date-time, or when the same details were already
 * texted on this call.
 *
 * @example
 * const speech = [...turn.phrases.appointmentItem(...), ...(await offerText(turn, claims, { kind: 'appointment', startsAt, addressLine }))];
 */
export async function offerText(turn: Turn, claims: SessionClaims, offer: TextOffer): Promise<Speech[]> {
  if (!turn.deps.texts) return [];
  if (!textDestination(turn.attributes[SESSION_ATTRIBUTES.callerNumber], turn.deps.phoneRegion).ok) return [];
  const parsed = contentSchema.safeParse(offer.kind === 'appointment' ? { kind: offer.kind, startsAt: offer.startsAt, ...(offer.addressLine ? { addressLine: offer.addressLine.slice(0, MAX_OFFER_ADDRESS) } : {}) } : { kind: offer.kind });
  // An appointment without a readable start cannot be texted: the answer goes on without the offer.
  if (!parsed.success) return [];
  const content = parsed.data;
  const existing = await openOffer(turn, claims);
  if (existing?.sent && sameContent(existing.content, content)) return [];
  turn.attributes[SESSION_ATTRIBUTES.textOffer] = await sealOffer(turn.deps, claims, content);
  delete turn.attributes[SESSION_ATTRIBUTES.textConfirm];
  return turn.phrases.textOffer();
}

/**
 * Seals `offer` as {@link offerText} does (`sent` when it was already texted): for the fixtures'
 * placeholders, which put an offer in an event's session attributes.
 */
export function sealTextOffer(turnDeps: Pick<Turn['deps'], 'sessions'>, claims: Pick<SessionClaims, 'patientId' | 'sessionId'>, offer: TextOffer, sent = false): Promise<string> {
  return sealOffer(turnDeps, claims, contentSchema.parse(offer), sent);
}

/** Seals content already checked against `contentSchema` (as {@link offerText} does before sealing). */
function sealOffer(turnDeps: Pick<Turn['deps'], 'sessions'>, claims: Pick<SessionClaims, 'patientId' | 'sessionId'>, content: SealedOffer['content'], sent = false): Promise<string> {
  const sealed: SealedOffer = { patientId: claims.patientId, offerId: randomUUID(), content, ...(sent ? { sent } : {}) };
  return turnDeps.sessions.sealJson(sealed, { sessionId: claims.sessionId }, OFFER_PURPOSE);
}

/**
 * `TextDetails` ("text me", "send me a text"): asks before texting the offer to the calling number,
 * read back as its last four digits. No offer (or texting off): nothing to text; already texted: says
 * so; a number no text may go to: says it cannot text it. Every answer goes back to the menu.
 */
export const textDetails: DialogStep = async (turn) => {
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const ready = await readyOffer(turn, caller.claims);
  if ('response' in ready) return ready.response;
  turn.attributes[SESSION_ATTRIBUTES.textConfirm] = 'pending';
  turn.outcome = 'text.ask';
  const digits = lastFour(ready.to);
  return elicitIntent(turn, ready.offer.content.kind === 'appointment' ? turn.phrases.textAskAppointment(digits) : turn.phrases.textAskRequest(digits));
};

/**
 * The answer to "Shall I send it?" (the router calls this while `textConfirm` is set, whatever intent
 * Lex heard): a clear yes (or "text me" again) sends; a no or silence does not; anything else drops the
 * question and is served as what it is (`otherwise`), so a caller who moved on is not held here.
 */
export async function answerTextConfirm(turn: Turn, otherwise: DialogStep): Promise<LexV2Result> {
  delete turn.attributes[SESSION_ATTRIBUTES.textConfirm];
  const transcript = turn.event.inputTranscript ?? '';
  const yes = isClearYes(transcript, turn.locale) || turn.event.sessionState.intent.name === INTENTS.textDetails;
  if (!yes) {
    if (transcript.trim() !== '' && !isClearNo(transcript, turn.locale)) return otherwise(turn);
    turn.outcome = 'text.declined';
    return elicitIntent(turn, [...turn.phrases.textDeclined(), ...turn.phrases.menu()]);
  }
  const caller = await requireCaller(turn);
  if ('response' in caller) return caller.response;
  const ready = await readyOffer(turn, caller.claims);
  if ('response' in ready) return ready.response;
  return send(turn, caller.claims, ready.offer, ready.to);
}

/** The offer and where it may go, or what the caller hears instead (back to the menu). */
async function readyOffer(turn: Turn, claims: SessionClaims): Promise<{ offer: SealedOffer; to: E164 } | { response: LexV2Result }> {
  const offer = turn.deps.texts ? await openOffer(turn, claims) : undefined;
  if (!offer) return { response: backToMenu(turn, 'text.nothing', turn.phrases.nothingToText()) };
  if (offer.sent) return { response: backToMenu(turn, 'text.alreadySent', turn.phrases.textAlreadySent()) };
  const destination = textDestination(turn.attributes[SESSION_ATTRIBUTES.callerNumber], turn.deps.phoneRegion);
  if (!destination.ok) return { response: backToMenu(turn, `text.${destination.reason}`, turn.phrases.textCannotTextNumber()) };
  return { offer, to: destination.to };
}

async function send(turn: Turn, claims: SessionClaims, offer: SealedOffer, to: E164): Promise<LexV2Result> {
  const texts = turn.deps.texts;
  if (!texts) return backToMenu(turn, 'text.nothing', turn.phrases.nothingToText());
  const body = textBody(offer.content as TextContent, turn.deps.clinic, turn.locale);
  const audit = (outcome: 'success' | 'failure') =>
    turn.deps.audit.record({
      sessionId: turn.event.sessionId,
      patientId: claims.patientId,
      action: 'text',
      resourceTypes: ['TextMessage'],
      outcome,
      at: new Date(turn.deps.clock.now()).toISOString(),
    });
  try {
    await texts.send({ to, body });
  } catch (error) {
    if (!(error instanceof SmsError)) throw error;
    await audit('failure');
    return backToMenu(turn, `text.failed.${error.name}`, error instanceof SmsOptedOutError ? turn.phrases.textOptedOut() : turn.phrases.textNotSent());
  }
  await audit('success');
  turn.attributes[SESSION_ATTRIBUTES.textOffer] = await turn.deps.sessions.sealJson({ ...offer, sent: true }, { sessionId: claims.sessionId }, OFFER_PURPOSE);
  return backToMenu(turn, 'text.sent', turn.phrases.textSent());
}

function backToMenu(turn: Turn, outcome: string, speech: Speech[]): LexV2Result {
  turn.outcome = outcome;
  return elicitIntent(turn, [...speech, ...turn.phrases.menu()]);
}

async function openOffer(turn: Turn, claims: SessionClaims): Promise<SealedOffer | undefined> {
  const sealed = turn.attributes[SESSION_ATTRIBUTES.textOffer];
  if (!sealed) return undefined;
  try {
    const parsed = sealedSchema.safeParse(await turn.deps.sessions.openJson(sealed, { sessionId: claims.sessionId }, OFFER_PURPOSE));
    // An offer left from another verified caller in this session is not theirs to receive.
    if (parsed.success && parsed.data.patientId === claims.patientId) return parsed.data;
  } catch {
    // A stale or foreign offer is dropped below.
  }
  delete turn.attributes[SESSION_ATTRIBUTES.textOffer];
  return undefined;
}

function sameContent(a: SealedOffer['content'], b: SealedOffer['content']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
