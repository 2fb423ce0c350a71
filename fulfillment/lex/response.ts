import type { LexV2Result } from 'aws-lambda';
import type { SlotElicitationStyle } from '../../contract';
import type { LexEvent } from './event';
import { withinLexLimits } from './attributes';
import { toMessages } from './messages';
import type { Speech } from './speech';

/** Intent states the handler closes with. */
export type ClosingState = 'Fulfilled' | 'Failed';

/** What every response needs from the turn. */
export interface ResponseContext {
  readonly event: LexEvent;
  /** Session attributes to send back (the whole map: Lex replaces it). */
  readonly attributes: Record<string, string>;
  /** True for voice (SSML), false for text channels. */
  readonly speech: boolean;
}

export { MAX_MESSAGE_LENGTH, MAX_MESSAGES } from './messages';
export { MAX_RESPONSE_BYTES, MAX_SESSION_ATTRIBUTES_BYTES } from './attributes';

/** The response with its session attributes cut to what Lex accepts: see {@link withinLexLimits}. */
function sized(context: ResponseContext, result: LexV2Result): LexV2Result {
  const rest = Buffer.byteLength(JSON.stringify({ ...result, sessionState: { ...result.sessionState, sessionAttributes: {} } }));
  return { ...result, sessionState: { ...result.sessionState, sessionAttributes: withinLexLimits(context.attributes, rest, context.event.sessionId) } };
}

/** The response's messages (none for no speech), each within Lex's length limit: see {@link toMessages}. */
function messages(context: ResponseContext, parts: readonly Speech[]): LexV2Result['messages'] {
  return parts.length === 0 ? undefined : toMessages(context.speech, parts);
}

type ResponseSlots = NonNullable<NonNullable<LexV2Result['sessionState']['intent']>['slots']>;

/** Slot shapes of this project's bots (Lex also has `Composite`, which no slot here is). */
const SLOT_SHAPES: ReadonlySet<string> = new Set(['Scalar', 'List']);

/**
 * The intent as it goes back to Lex. Lex refuses a slot value without `interpretedValue`, or a slot
 * of a shape it does not know ("Invalid Lambda Response"), so such a slot (from an odd event, never
 * from a slot Lex filled) is returned empty: Lex then asks for it again instead of failing the turn.
 */
function currentIntent(context: ResponseContext) {
  const intent = context.event.sessionState.intent;
  const slots: ResponseSlots = {};
  for (const [name, slot] of Object.entries(intent.slots ?? {})) {
    const shaped = slot?.shape === undefined || SLOT_SHAPES.has(slot.shape);
    const usable = slot === null || slot === undefined || (shaped && ((slot.value?.interpretedValue ?? '').length > 0 || (slot.value === undefined && slot.values !== undefined)));
    slots[name] = usable ? ((slot ?? null) as ResponseSlots[string]) : null;
  }
  return { name: intent.name, slots };
}

/** Ends the intent; the bot closes and the flow reads the session attributes. */
export function close(context: ResponseContext, state: ClosingState, parts: readonly Speech[]): LexV2Result {
  return sized(context, {
    sessionState: {
      sessionAttributes: context.attributes,
      dialogAction: { type: 'Close' },
      intent: { ...currentIntent(context), state },
    },
    ...(parts.length ? { messages: messages(context, parts) } : {}),
  });
}

/**
 * Asks for one slot, optionally clearing slots the caller must answer anew. `style` makes Lex listen
 * for a spelled answer (`SpellByLetter`); Lex takes it from this answer only, for this one question.
 */
export function elicitSlot(
  context: ResponseContext,
  slot: string,
  parts: readonly Speech[],
  clearSlots: readonly string[] = [],
  style?: Exclude<SlotElicitationStyle, 'Default'>,
): LexV2Result {
  const intent = currentIntent(context);
  const slots = { ...intent.slots };
  for (const name of clearSlots) slots[name] = null;
  return sized(context, {
    sessionState: {
      sessionAttributes: context.attributes,
      dialogAction: { type: 'ElicitSlot', slotToElicit: slot, ...(style ? { slotElicitationStyle: style } : {}) },
      intent: { name: intent.name, slots, state: 'InProgress' },
    },
    messages: messages(context, parts),
  });
}

/** Asks the caller what they want next: the menu stays open in the same bot. */
export function elicitIntent(context: ResponseContext, parts: readonly Speech[]): LexV2Result {
  return sized(context, {
    sessionState: { sessionAttributes: context.attributes, dialogAction: { type: 'ElicitIntent' } },
    messages: messages(context, parts),
  });
}

/** Lets Lex carry on with its own prompts (the next slot, or fulfillment). */
export function delegate(context: ResponseContext): LexV2Result {
  return sized(context, {
    sessionState: {
      sessionAttributes: context.attributes,
      dialogAction: { type: 'Delegate' },
      intent: { ...currentIntent(context), state: 'InProgress' },
    },
  });
}
