/**
 * What Lex V2 accepts back from a code hook, as a zod schema, plus checks zod cannot express well:
 * SSML that Polly would render (one `<speak>` root, balanced tags, every `&` an entity).
 * See "Response format" in the Lex V2 developer guide (lambda-response-format).
 */

import { z } from 'zod';

/** Dialog actions a code hook may return. */
export const DIALOG_ACTION_TYPES = ['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot'] as const;

/** Intent states Lex V2 knows. */
export const INTENT_STATES = ['Failed', 'Fulfilled', 'FulfillmentInProgress', 'InProgress', 'ReadyForFulfillment', 'Waiting'] as const;

/** States an intent may have when the code hook closes it. */
const CLOSING_STATES: readonly string[] = ['Fulfilled', 'Failed', 'ReadyForFulfillment'];

// Lex V2 `Value.interpretedValue` is required in a slot the code hook returns: a slot without it
// is refused ("Invalid Lambda Response"), so the handler must fill it for keyed answers too.
const slotValue = z.looseObject({
  originalValue: z.string().optional(),
  interpretedValue: z.string().min(1),
  resolvedValues: z.array(z.string()).optional(),
});

const slot = z.looseObject({ shape: z.enum(['Scalar', 'List']).optional(), value: slotValue.optional() }).nullable();

const message = z.strictObject({
  contentType: z.enum(['PlainText', 'SSML']),
  // Lex V2 runtime `Message.content`: 1 to 1024 characters.
  content: z.string().min(1).max(1024),
});

/** A Lex V2 code hook response. */
export const lexResponseSchema = z
  .strictObject({
    sessionState: z.looseObject({
      // Every value must be a string: Lex rejects anything else, Connect copies them as text.
      sessionAttributes: z.record(z.string().min(1), z.string()).optional(),
      dialogAction: z.looseObject({ type: z.enum(DIALOG_ACTION_TYPES), slotToElicit: z.string().min(1).optional() }),
      intent: z
        .looseObject({
          name: z.string().min(1),
          slots: z.record(z.string(), slot).optional(),
          state: z.enum(INTENT_STATES).optional(),
          confirmationState: z.enum(['Confirmed', 'Denied', 'None']).optional(),
        })
        .optional(),
    }),
    messages: z.array(message).max(15).optional(),
    requestAttributes: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((response, context) => {
    const { dialogAction, intent } = response.sessionState;
    const problem = (text: string) => context.addIssue({ code: 'custom', message: text });
    if (dialogAction.type === 'ElicitSlot' && (!dialogAction.slotToElicit || !intent)) problem('ElicitSlot needs slotToElicit and the intent');
    if (dialogAction.type === 'Close' && !(intent?.state && CLOSING_STATES.includes(intent.state))) problem('Close needs intent.state Fulfilled, Failed or ReadyForFulfillment');
    if (dialogAction.type === 'Delegate' && !intent) problem('Delegate needs the intent');
    if (dialogAction.type === 'ElicitIntent' && !response.messages?.length) problem('ElicitIntent needs a message: Lex has nothing else to say');
    for (const { contentType, content } of response.messages ?? []) {
      if (contentType === 'SSML') for (const issue of ssmlProblems(content)) problem(issue);
    }
  });

/** A response that passed {@link lexResponseSchema}. */
export type LexResponse = z.infer<typeof lexResponseSchema>;

/** The response, checked; throws with every problem listed (paths and messages, never just "invalid"). */
export function expectValidLexResponse(response: unknown): LexResponse {
  const parsed = lexResponseSchema.safeParse(JSON.parse(JSON.stringify(response ?? null)));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(response)'}: ${issue.message}`);
    throw new Error(`not a valid Lex V2 response: ${problems.join('; ')}\n${JSON.stringify(response, null, 2)}`);
  }
  return parsed.data;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/y;
const TAG = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/y;

/** Why `ssml` would not render: empty when it is one well-formed `<speak>` document. */
export function ssmlProblems(ssml: string): string[] {
  const problems: string[] = [];
  if (!ssml.startsWith('<speak>') || !ssml.endsWith('</speak>')) problems.push('SSML must be wrapped in <speak>…</speak>');
  const open: string[] = [];
  let roots = 0;
  for (let index = 0; index < ssml.length; ) {
    const char = ssml[index];
    if (char === '&') {
      ENTITY.lastIndex = index;
      if (!ENTITY.test(ssml)) problems.push(`unescaped & at ${index}`);
      index = ENTITY.lastIndex > index ? ENTITY.lastIndex : index + 1;
    } else if (char === '<') {
      TAG.lastIndex = index;
      const tag = TAG.exec(ssml);
      if (!tag) {
        problems.push(`unescaped < or malformed tag at ${index}`);
        index += 1;
        continue;
      }
      const [, closing, name = '', , selfClosing] = tag;
      if (closing) {
        if (open.pop() !== name) problems.push(`</${name}> closes nothing open at ${index}`);
      } else if (!selfClosing) {
        if (open.length === 0) roots += 1;
        open.push(name);
      }
      index = TAG.lastIndex;
    } else {
      if (char === '>') problems.push(`unescaped > at ${index}`);
      index += 1;
    }
  }
  if (open.length > 0) problems.push(`unclosed <${open.join('>, <')}>`);
  if (roots > 1) problems.push('more than one root element');
  return problems;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** What the caller hears or reads: tags dropped, entities decoded, spaces as in plain text. */
export function spokenText(content: string): string {
  return content
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_match, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,:;?!])/g, '$1')
    .trim();
}

/** Every message of a response as one text, for `includes` checks. */
export function responseText(response: LexResponse): string {
  return (response.messages ?? []).map((item) => spokenText(item.content)).join(' ');
}
