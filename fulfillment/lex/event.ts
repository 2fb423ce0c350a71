import type { LexV2Event } from 'aws-lambda';
import * as z from 'zod';
import { LOCALE_ID } from '../../contract';

const slotValue = z.looseObject({
  originalValue: z.string().optional(),
  interpretedValue: z.string().optional(),
  resolvedValues: z.array(z.string()).optional(),
});

// A List slot carries `values`; Scalar ones only `value`. Unknown shapes are tolerated: AWS adds fields.
const slot = z.looseObject({ shape: z.string().optional(), value: slotValue.optional() }).nullable();

const intent = z.looseObject({
  name: z.string().min(1),
  slots: z.record(z.string(), slot.optional()).optional().default({}),
  state: z.string().optional(),
  confirmationState: z.string().optional(),
});

/**
 * Runtime check of a Lex V2 code hook event: the fields the handler relies on must be there and
 * well-typed; every other field passes through untouched (loose objects), since AWS adds fields.
 */
export const lexEventSchema = z.looseObject({
  messageVersion: z.string().optional(),
  invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
  inputMode: z.enum(['DTMF', 'Speech', 'Text']).catch('Text'),
  responseContentType: z.string().optional().default('text/plain; charset=utf-8'),
  sessionId: z.string().min(1).max(256),
  inputTranscript: z
    .string()
    .max(10_000)
    .nullish()
    .transform((value) => value ?? ''),
  invocationLabel: z.string().nullish(),
  bot: z.looseObject({
    name: z.string().min(1),
    localeId: z.string().optional().default(LOCALE_ID),
    id: z.string().optional(),
    aliasId: z.string().optional(),
    aliasName: z.string().optional(),
    version: z.string().optional(),
  }),
  interpretations: z
    .array(z.looseObject({ intent: intent.nullish(), nluConfidence: z.number().nullish() }))
    .optional()
    .default([]),
  // Captures serialized by other SDKs show absent fields as null: accept both.
  proposedNextState: z
    .looseObject({
      dialogAction: z.looseObject({ type: z.string(), slotToElicit: z.string().nullish() }).nullish(),
      intent: intent.nullish(),
    })
    .nullish(),
  requestAttributes: z.record(z.string(), z.string()).nullish(),
  sessionState: z.looseObject({
    sessionAttributes: z.record(z.string(), z.string()).nullish(),
    dialogAction: z.looseObject({ type: z.string(), slotToElicit: z.string().nullish() }).nullish(),
    intent: intent,
    originatingRequestId: z.string().optional(),
  }),
});

/** A Lex V2 event as the handler sees it after the runtime check. */
export type LexEvent = z.infer<typeof lexEventSchema>;

/** A parsed Lex slot (scalar view). */
export type LexSlots = LexEvent['sessionState']['intent']['slots'];

/** Result of {@link parseLexEvent}: the event, or the names of the fields that were wrong. */
export type ParsedLexEvent = { ok: true; event: LexEvent } | { ok: false; problems: string[] };

/** Checks an incoming event; never throws. Problems name fields only, never values. */
export function parseLexEvent(input: unknown): ParsedLexEvent {
  const parsed = lexEventSchema.safeParse(input);
  if (parsed.success) return { ok: true, event: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => issue.path.join('.') || '(root)') };
}

/** The typed AWS event, for callers that build events (tests, the simulator). */
export type { LexV2Event };

/** The interpreted (else original) value of a filled scalar slot. */
export function slotText(slots: LexSlots, name: string): string | undefined {
  const value = slots[name]?.value;
  return value?.interpretedValue ?? value?.originalValue ?? undefined;
}

/** The fields {@link wantsSpeech} reads: loose, so it also serves an event that failed validation. */
export interface SpeechHints {
  readonly inputMode?: unknown;
  readonly responseContentType?: unknown;
  readonly requestAttributes?: Readonly<Record<string, unknown>> | null;
}

/**
 * Whether the caller wants spoken (SSML) output: Connect's accept types when it sends them, else an
 * audio response type, else anything but text input. Voice is the default on a phone line.
 */
export function wantsSpeech(event: SpeechHints): boolean {
  const accept = event.requestAttributes?.['x-amz-lex:accept-content-types'];
  if (typeof accept === 'string' && accept.length > 0) return accept.includes('SSML');
  if (typeof event.responseContentType === 'string' && event.responseContentType.startsWith('audio/')) return true;
  return event.inputMode !== 'Text';
}
