import type { LexV2Result } from 'aws-lambda';
import type { LexEvent } from './event';
import { toPlainText, toSsml, type Speech } from './speech';

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

/** Lex refuses a message longer than 1,024 characters (Lex V2 runtime API, `Message.content`). */
export const MAX_MESSAGE_LENGTH = 1024;

/** Most messages one response carries; a longer answer is cut at a pause (long lists are paged anyway). */
const MAX_MESSAGES = 5;

function render(context: ResponseContext, parts: readonly Speech[]) {
  return context.speech
    ? ({ contentType: 'SSML', content: toSsml(parts) } as const)
    : ({ contentType: 'PlainText', content: toPlainText(parts) } as const);
}

/**
 * The response's messages: one when it fits, else several, split at pauses so each stays under
 * Lex's length limit (three long medication sentences can exceed it).
 */
function messages(context: ResponseContext, parts: readonly Speech[]): LexV2Result['messages'] {
  if (parts.length === 0) return undefined;
  const whole = render(context, parts);
  if (whole.content.length <= MAX_MESSAGE_LENGTH) return [whole];
  const out: ReturnType<typeof render>[] = [];
  let chunk: Speech[] = [];
  const flush = () => {
    if (chunk.length > 0 && out.length < MAX_MESSAGES) out.push(render(context, chunk));
    chunk = [];
  };
  for (const part of parts) {
    const candidate = [...chunk, part];
    if (chunk.length > 0 && render(context, candidate).content.length > MAX_MESSAGE_LENGTH) flush();
    chunk.push(part);
    if (part.kind === 'pause' && render(context, chunk).content.length > MAX_MESSAGE_LENGTH / 2) flush();
  }
  flush();
  return out;
}

type ResponseSlots = NonNullable<NonNullable<LexV2Result['sessionState']['intent']>['slots']>;

/**
 * The intent as it goes back to Lex. Lex refuses a slot value without `interpretedValue` ("Invalid
 * Lambda Response"), so such a value (from an odd event, never from a slot Lex filled) is returned
 * empty: Lex then asks for that slot again instead of failing the whole turn.
 */
function currentIntent(context: ResponseContext) {
  const intent = context.event.sessionState.intent;
  const slots: ResponseSlots = {};
  for (const [name, slot] of Object.entries(intent.slots ?? {})) {
    const usable = slot === null || slot === undefined || (slot.value?.interpretedValue ?? '').length > 0 || (slot.value === undefined && slot.values !== undefined);
    slots[name] = usable ? ((slot ?? null) as ResponseSlots[string]) : null;
  }
  return { name: intent.name, slots };
}

/** Ends the intent; the bot closes and the flow reads the session attributes. */
export function close(context: ResponseContext, state: ClosingState, parts: readonly Speech[]): LexV2Result {
  return {
    sessionState: {
      sessionAttributes: context.attributes,
      dialogAction: { type: 'Close' },
      intent: { ...currentIntent(context), state },
    },
    ...(parts.length ? { messages: messages(context, parts) } : {}),
  };
}

/** Asks again for one slot, optionally clearing slots the caller must answer anew. */
export function elicitSlot(
  context: ResponseContext,
  slot: string,
  parts: readonly Speech[],
  clearSlots: readonly string[] = [],
): LexV2Result {
  const intent = currentIntent(context);
  const slots = { ...intent.slots };
  for (const name of clearSlots) slots[name] = null;
  return {
    sessionState: {
      sessionAttributes: context.attributes,
      dialogAction: { type: 'ElicitSlot', slotToElicit: slot },
      intent: { name: intent.name, slots, state: 'InProgress' },
    },
    messages: messages(context, parts),
  };
}

/** Asks the caller what they want next: the menu stays open in the same bot. */
export function elicitIntent(context: ResponseContext, parts: readonly Speech[]): LexV2Result {
  return {
    sessionState: { sessionAttributes: context.attributes, dialogAction: { type: 'ElicitIntent' } },
    messages: messages(context, parts),
  };
}

/** Lets Lex carry on with its own prompts (the next slot, or fulfillment). */
export function delegate(context: ResponseContext): LexV2Result {
  return {
    sessionState: {
      sessionAttributes: context.attributes,
      dialogAction: { type: 'Delegate' },
      intent: { ...currentIntent(context), state: 'InProgress' },
    },
  };
}
