import * as z from 'zod';
import { CAPTURE_ACTIONS, CAPTURE_PARAMETERS, DEFAULT_MESSAGE_LANGUAGE, MESSAGE_LANGUAGES, type CaptureAction, type MessageLanguage } from '../../contract';

/**
 * The three kinds of event the recording-control function receives (flow invocations, contact events, and the
 * sweep's schedule), parsed once at the edge into plain domain
 * types. Both schemas are loose: Connect adds fields to its events over time, and "applications
 * should ignore newly added fields" (Amazon Connect contact events data model).
 */

/** Where Connect says the caller's audio of this contact is, in a flow invocation. */
export interface CustomerAudio {
  readonly streamArn: string;
  readonly startFragmentNumber: string;
  readonly startTimestampMs?: number;
  readonly stopFragmentNumber?: string;
  readonly stopTimestampMs?: number;
}

/** A contact flow's `InvokeLambdaFunction` of the recording-control function. */
export interface FlowInvocation {
  readonly kind: 'flow';
  readonly contactId: string;
  readonly instanceArn: string;
  /** `undefined` when the flow passed no action or one this function does not know. */
  readonly action: CaptureAction | undefined;
  readonly sessionToken: string | undefined;
  /** `undefined` when media streaming was never started for the contact. */
  readonly audio: CustomerAudio | undefined;
  /** The contact's language as the flow passed it ({@link parseMessageLanguage}); `en-US` when absent or unknown. */
  readonly language: MessageLanguage;
}

/** An EventBridge "Amazon Connect Contact Event". */
export interface ContactEvent {
  readonly kind: 'contactEvent';
  readonly eventType: string;
  readonly contactId: string;
  readonly instanceArn: string;
}

/** An EventBridge schedule's "Scheduled Event": time to sweep the jobs a lost contact event left behind. */
export interface SweepTick {
  readonly kind: 'sweep';
}

/** What {@link parseCaptureEvent} makes of an input. */
export type CaptureEvent = FlowInvocation | ContactEvent | SweepTick;

/** Epoch milliseconds as Connect writes them (a string of digits); anything else is left out. */
const epochMs = z
  .union([z.string(), z.number()])
  .optional()
  .nullable()
  .transform((value) => {
    const number = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
    return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : undefined;
  });

const nonEmpty = z.string().trim().min(1);

const audioSchema = z
  .object({
    StreamARN: nonEmpty,
    StartFragmentNumber: nonEmpty,
    StartTimestamp: epochMs,
    StopFragmentNumber: z.string().optional().nullable(),
    StopTimestamp: epochMs,
  })
  .loose();

// Contact ids are UUIDs; the pattern keeps anything odd out of keys and log lines.
const contactId = z.string().regex(/^[A-Za-z0-9-]{1,128}$/);

const flowEventSchema = z
  .object({
    Name: z.literal('ContactFlowEvent').optional(),
    Details: z
      .object({
        ContactData: z
          .object({
            ContactId: contactId,
            InstanceARN: nonEmpty,
            // Null until media streaming was started for the contact (@types/aws-lambda CustomerAudio).
            MediaStreams: z
              .object({ Customer: z.object({ Audio: z.unknown().optional() }).loose().optional().nullable() })
              .loose()
              .optional()
              .nullable(),
          })
          .loose(),
        Parameters: z.record(z.string(), z.unknown()).optional().nullable(),
      })
      .loose(),
  })
  .loose();

const contactEventSchema = z
  .object({
    'detail-type': z.literal('Amazon Connect Contact Event'),
    source: z.literal('aws.connect'),
    detail: z.object({ eventType: nonEmpty, contactId, instanceArn: nonEmpty }).loose(),
  })
  .loose();

// `{ "detail-type": "Scheduled Event", "source": "aws.events", "resources": [<rule ARN>], "detail": {} }`
// (EventBridge user guide, "Creating a rule that runs on a schedule").
const scheduledEventSchema = z.object({ 'detail-type': z.literal('Scheduled Event'), source: z.literal('aws.events') }).loose();

/** Result of {@link parseCaptureEvent}: the event, or what kind it looked like and why it was refused. */
export type ParsedCaptureEvent =
  | { readonly ok: true; readonly event: CaptureEvent }
  | { readonly ok: false; readonly looksLike: 'flow' | 'contactEvent' | 'scheduledEvent' | 'unknown'; readonly problems: readonly string[] };

/**
 * Parses any input the function may receive. Problems name fields, never values (a token or a phone
 * number may be in them).
 *
 * @example
 * const parsed = parseCaptureEvent(input);
 * if (parsed.ok && parsed.event.kind === 'flow') logger.info('capture step', { contactId: parsed.event.contactId, action: parsed.event.action });
 */
export function parseCaptureEvent(input: unknown): ParsedCaptureEvent {
  const raw = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if ('Details' in raw || raw['Name'] === 'ContactFlowEvent') {
    const parsed = flowEventSchema.safeParse(input);
    if (!parsed.success) return { ok: false, looksLike: 'flow', problems: problemsOf(parsed.error) };
    const { ContactData: data, Parameters: parameters } = parsed.data.Details;
    const action = stringParameter(parameters, CAPTURE_PARAMETERS.action);
    const audio = audioSchema.safeParse(data.MediaStreams?.Customer?.Audio);
    return {
      ok: true,
      event: {
        kind: 'flow',
        contactId: data.ContactId,
        instanceArn: data.InstanceARN,
        action: Object.values(CAPTURE_ACTIONS).find((known) => known === action),
        sessionToken: stringParameter(parameters, CAPTURE_PARAMETERS.sessionToken),
        audio: audio.success ? toAudio(audio.data) : undefined,
        language: parseMessageLanguage(stringParameter(parameters, CAPTURE_PARAMETERS.language)),
      },
    };
  }
  if (raw['detail-type'] === 'Scheduled Event') {
    const parsed = scheduledEventSchema.safeParse(input);
    if (!parsed.success) return { ok: false, looksLike: 'scheduledEvent', problems: problemsOf(parsed.error) };
    return { ok: true, event: { kind: 'sweep' } };
  }
  if ('detail-type' in raw) {
    const parsed = contactEventSchema.safeParse(input);
    if (!parsed.success) return { ok: false, looksLike: 'contactEvent', problems: problemsOf(parsed.error) };
    const { eventType, contactId: id, instanceArn } = parsed.data.detail;
    return { ok: true, event: { kind: 'contactEvent', eventType, contactId: id, instanceArn } };
  }
  return { ok: false, looksLike: 'unknown', problems: ['neither a contact flow invocation, an Amazon Connect Contact Event nor a Scheduled Event'] };
}

/**
 * The message language of a flow's `language` parameter: one of `MESSAGE_LANGUAGES`, matched without
 * regard to case or to `_` for `-` (a java.util.Locale may print `es_US`); anything else, or nothing,
 * is `en-US`, the language the pipeline always had.
 *
 * @example
 * parseMessageLanguage('es-US'); // 'es-US'
 * parseMessageLanguage('fr-CA'); // 'en-US'
 */
export function parseMessageLanguage(value: string | undefined): MessageLanguage {
  const wanted = value?.trim().replace('_', '-').toLowerCase();
  return MESSAGE_LANGUAGES.find((known) => known.toLowerCase() === wanted) ?? DEFAULT_MESSAGE_LANGUAGE;
}

function toAudio(audio: z.infer<typeof audioSchema>): CustomerAudio {
  const stopFragmentNumber = audio.StopFragmentNumber?.trim();
  return {
    streamArn: audio.StreamARN,
    startFragmentNumber: audio.StartFragmentNumber,
    ...(audio.StartTimestamp !== undefined ? { startTimestampMs: audio.StartTimestamp } : {}),
    ...(stopFragmentNumber ? { stopFragmentNumber } : {}),
    ...(audio.StopTimestamp !== undefined ? { stopTimestampMs: audio.StopTimestamp } : {}),
  };
}

function stringParameter(parameters: Record<string, unknown> | null | undefined, name: string): string | undefined {
  const value = parameters?.[name];
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

function problemsOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => `${issue.path.join('.') || 'event'}: ${issue.code}`);
}
