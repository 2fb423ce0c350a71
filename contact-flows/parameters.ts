/**
 * The Parameters of each action type the clinic's flows use, from the type's page of the Flow
 * language reference. Every parameter carries the sentence reported when it does not fit
 * (`describe`), so the validator and the interpreter word a problem the same way.
 *
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
 */

import * as z from 'zod';
import type { FlowAction } from './schema';

/** `DTMFConfiguration.InputTerminationSequence`: "Up to five digits". */
const TERMINATION_SEQUENCE = /^[0-9#*]{1,5}$/;

/** Prompts the participant actions share: one of Text, SSML or PromptId. */
const promptShape = {
  Text: z.string().optional().describe('Text must be a string'),
  SSML: z.string().optional().describe('SSML must be a string'),
  PromptId: z.string().optional().describe('PromptId must be a string'),
};

/** A map of attribute names to static values or `$.` references. */
const attributes = (name: string) => z.record(z.string(), z.string()).describe(`${name} must map names to strings`);

/** A flow attribute as the console writes it (`{ "Value": … }`), or a bare value. */
const flowAttribute = z.union([z.string(), z.object({ Value: z.string() }).transform((attribute) => attribute.Value)]);

/** Options of the streaming block: "Currently, only Customer is supported", only Audio, all static. */
const participants = z
  .array(z.object({ ParticipantType: z.literal('Customer'), MediaDirections: z.array(z.enum(['From', 'To'])).min(1) }))
  .min(1)
  .describe('Participants must list the Customer with MediaDirections From and/or To');

/**
 * Parameters of each action type the project uses, by type. A type missing here has its
 * Parameters left unread (the validator still classifies it in `REQUIRED_ERRORS`).
 */
export const ACTION_PARAMETERS = {
  MessageParticipant: z
    .object(promptShape)
    .refine((prompt) => prompt.Text !== undefined || prompt.SSML !== undefined || prompt.PromptId !== undefined, 'MessageParticipant needs one of Text, SSML, PromptId'),
  ConnectParticipantWithLexBot: z.object({
    ...promptShape,
    LexV2Bot: z.object({ AliasArn: z.string() }).describe('LexV2Bot.AliasArn must be a string'),
    LexSessionAttributes: attributes('LexSessionAttributes').default({}),
  }),
  GetParticipantInput: z.object({
    ...promptShape,
    // "for the Voice channel this is the timeout until the first DTMF digit"; the console allows up to 180.
    InputTimeLimitSeconds: z.coerce.number().int().min(1).max(180).describe('InputTimeLimitSeconds must be an integer from 1 to 180'),
    StoreInput: z.enum(['True', 'False']).default('False').describe('StoreInput must be True or False'),
    InputValidation: z.record(z.string(), z.unknown()).optional().describe('InputValidation must be an object'),
    DTMFConfiguration: z
      .object({ InputTerminationSequence: z.coerce.string().regex(TERMINATION_SEQUENCE).optional() })
      .loose()
      .optional()
      .describe('DTMFConfiguration.InputTerminationSequence must be up to five of 0-9, # and *'),
  }),
  DisconnectParticipant: z.object({}),
  Compare: z.object({ ComparisonValue: z.string().startsWith('$.').describe('ComparisonValue must be a single $. reference') }),
  CheckHoursOfOperation: z.object({ HoursOfOperationId: z.string().optional().describe('HoursOfOperationId must be a string') }),
  UpdateFlowAttributes: z.object({ FlowAttributes: z.record(z.string(), flowAttribute).describe('FlowAttributes must map names to strings or { Value }') }),
  UpdateFlowLoggingBehavior: z.object({ FlowLoggingBehavior: z.enum(['Enabled', 'Disabled']).describe('FlowLoggingBehavior must be Enabled or Disabled') }),
  UpdateContactAttributes: z.object({
    Attributes: attributes('Attributes'),
    TargetContact: z.enum(['Current', 'Related']).default('Current').describe('TargetContact must be Current or Related'),
  }),
  UpdateContactTargetQueue: z.object({ QueueId: z.string().describe('QueueId must be a string') }),
  TransferContactToQueue: z.object({}),
  // https://docs.aws.amazon.com/connect/latest/adminguide/participant-actions-transferparticipanttothirdparty.html:
  // ThirdPartyPhoneNumber "in e.164 format … May be defined statically or dynamically";
  // ThirdPartyConnectionTimeoutSeconds "between 0 and 600 (inclusive)"; ContinueFlowExecution "True" or "False", static.
  TransferParticipantToThirdParty: z.object({
    ThirdPartyPhoneNumber: z
      .string()
      .refine((number) => number.startsWith('$.') || /^\+[1-9]\d{1,14}$/.test(number))
      .describe('ThirdPartyPhoneNumber must be an E.164 number or a $. reference'),
    ThirdPartyConnectionTimeoutSeconds: z.coerce.number().int().min(0).max(600).default(30).describe('ThirdPartyConnectionTimeoutSeconds must be an integer from 0 to 600'),
    ContinueFlowExecution: z.enum(['True', 'False']).default('True').describe('ContinueFlowExecution must be True or False'),
  }),
  UpdateContactMediaStreamingBehavior: z.object({
    MediaStreamingState: z.enum(['Enabled', 'Disabled']).describe('MediaStreamingState must be Enabled or Disabled'),
    MediaStreamType: z.literal('Audio').describe('MediaStreamType must be Audio'),
    Participants: participants,
  }),
  // https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontacttexttospeechvoice.html
  // ("Set voice"): TextToSpeechVoice "the name of an Amazon Polly voice", TextToSpeechEngine "The engine
  // associated with the Amazon Polly voice", TextToSpeechStyle "None, Conversational, or Newscaster";
  // "Results in error if voice or engine are invalid"; NoMatchingError "Must always be defined".
  UpdateContactTextToSpeechVoice: z.object({
    TextToSpeechVoice: z.string().min(1).describe('TextToSpeechVoice must name an Amazon Polly voice'),
    TextToSpeechEngine: z.enum(['Standard', 'Neural', 'Generative']).optional().describe('TextToSpeechEngine must be Standard, Neural or Generative'),
    TextToSpeechStyle: z.enum(['None', 'Conversational', 'Newscaster']).optional().describe('TextToSpeechStyle must be None, Conversational or Newscaster'),
  }),
  // https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontactdata.html: "Sets a
  // collection of connect defined attributes on specified contact"; `LanguageCode` "[Optional] The language
  // to use for current contact"; `TargetContact` "[Required] … "Current" or "Related" are the only valid
  // values". The project sets only the contact's language (`$.LanguageCode`, the attribute a Lex V2 bot's
  // locale must match: set-voice.html); other fields are refused here so a new one is modelled before use.
  UpdateContactData: z
    .object({
      LanguageCode: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/).describe('LanguageCode must be a language tag such as es-US'),
      TargetContact: z.enum(['Current', 'Related']).describe('TargetContact must be Current or Related'),
    })
    .strict()
    .describe('UpdateContactData sets LanguageCode (and its TargetContact) only in this project'),
  InvokeLambdaFunction: z.object({
    LambdaFunctionARN: z.string().describe('LambdaFunctionARN must be a string'),
    // "Must be greater than 0, no larger than 8, and an integer"; the console writes it as a string.
    InvocationTimeLimitSeconds: z.coerce.number().int().min(1).max(8).describe('InvocationTimeLimitSeconds must be an integer from 1 to 8'),
    InvocationType: z.enum(['SYNCHRONOUS', 'ASYNCHRONOUS']).default('SYNCHRONOUS').describe('InvocationType must be SYNCHRONOUS or ASYNCHRONOUS'),
    LambdaInvocationAttributes: attributes('LambdaInvocationAttributes').default({}),
    ResponseValidation: z
      .object({ ResponseType: z.enum(['STRING_MAP', 'JSON']) })
      .default({ ResponseType: 'STRING_MAP' })
      .describe('ResponseValidation.ResponseType must be STRING_MAP or JSON'),
  }),
} as const;

/** An action type whose Parameters the project reads. */
export type ModelledActionType = keyof typeof ACTION_PARAMETERS;

/** The parsed Parameters of an action of type `T`. */
export type ParametersOf<T extends ModelledActionType> = z.output<(typeof ACTION_PARAMETERS)[T]>;

/** Whether the project reads Parameters of this type. */
export function isModelledActionType(type: string): type is ModelledActionType {
  return Object.hasOwn(ACTION_PARAMETERS, type);
}

/** A parse of an action's Parameters: the typed values, or one sentence per parameter that does not fit. */
export type ParametersParse<T extends ModelledActionType> =
  | { readonly ok: true; readonly parameters: ParametersOf<T> }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * An action's Parameters read with its type's schema (absent Parameters read as `{}`).
 *
 * @example
 * const parsed = parseParameters(action, 'InvokeLambdaFunction');
 * if (parsed.ok) parsed.parameters.InvocationTimeLimitSeconds; // 8
 */
export function parseParameters<T extends ModelledActionType>(action: FlowAction, type: T): ParametersParse<T> {
  const schema: z.ZodType = ACTION_PARAMETERS[type];
  const parsed = schema.safeParse(action.Parameters ?? {});
  if (parsed.success) return { ok: true, parameters: parsed.data as ParametersOf<T> };
  return { ok: false, problems: problemsOf(ACTION_PARAMETERS[type].shape, parsed.error) };
}

/** One sentence per parameter at fault, in the order of the schema: its description, else Zod's message. */
function problemsOf(shape: Readonly<Record<string, z.ZodType>>, error: z.ZodError): string[] {
  const problems = error.issues.map((issue) => {
    const [key] = issue.path;
    const described = typeof key === 'string' ? shape[key]?.description : undefined;
    return described ?? (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message);
  });
  return [...new Set(problems)];
}
