import type { CustomerAudio } from 'aws-lambda';
import { UnsupportedReferenceError } from './errors';

/** What a Lex block leaves behind for the flow: `$.Lex.IntentName` and `$.Lex.SessionAttributes.*`. */
export interface LexState {
  readonly botName: string;
  readonly intentName: string | undefined;
  readonly sessionAttributes: Readonly<Record<string, string>>;
}

/**
 * The state of one contact while its flow runs. Flow attributes and contact attributes are kept in
 * separate maps on purpose: flow attributes stay out of the contact record, which is why the flow
 * keeps the session token in one.
 */
export interface ContactState {
  readonly contactId: string;
  /** `$.Channel`: a phone call, or a task created by `StartTaskContact`. */
  readonly channel: ContactChannel;
  /** `$.InitiationMethod`: a call comes in (`INBOUND`), a task is started by the API (`API`). */
  readonly initiationMethod: 'INBOUND' | 'API';
  /** The calling number (`$.CustomerEndpoint.Address`); a task has none. */
  readonly customerNumber: string | undefined;
  /** The number called (`$.SystemEndpoint.Address`); a task has none. */
  readonly systemNumber: string | undefined;
  /**
   * The contact's language (`$.LanguageCode`, Connect's "Language" system attribute), e.g. `en-US`:
   * set by `UpdateContactData`; the Lex blocks run the bot locale of this language.
   */
  languageCode: string;
  /** The text-to-speech voice set by `UpdateContactTextToSpeechVoice` (`Lupe/Neural`); `undefined`: Connect's default. */
  voice: string | undefined;
  /** `UpdateFlowAttributes` (`$.FlowAttributes.*`): this flow only, never in the contact record. */
  readonly flowAttributes: Record<string, string>;
  /** `UpdateContactAttributes` (`$.Attributes.*`): part of the contact record. */
  readonly contactAttributes: Record<string, string>;
  /** Answer of the last `InvokeLambdaFunction` (`$.External.*`). */
  external: Readonly<Record<string, unknown>>;
  /** The last Lex block's result (`$.Lex.*`). */
  lex: LexState | undefined;
  /** Input kept by the last `GetParticipantInput` with StoreInput (`$.StoredCustomerInput`). */
  storedInput: string | undefined;
  /** Target queue set by `UpdateContactTargetQueue`. */
  queue: string | undefined;
  /** The caller's audio stream as Connect reports it to Lambda: null until streaming first starts. */
  audio: CustomerAudio;
  /** Whether the caller's audio is being streamed now. */
  streaming: boolean;
  /** `UpdateFlowLoggingBehavior`. */
  flowLogging: 'Enabled' | 'Disabled';
}

/** The channels the simulator runs: a phone call, or a task (a care-team work item). */
export type ContactChannel = 'VOICE' | 'TASK';

/** What a contact starts with: a call's numbers, or a task's attributes (what `StartTaskContact` was given). */
export interface NewContact {
  readonly contactId: string;
  /** @default 'VOICE' */
  readonly channel?: ContactChannel;
  /** A call's calling number; a task has none. */
  readonly customerNumber?: string;
  /** A call's called number; a task has none. */
  readonly systemNumber?: string;
  /** The contact's language (`$.LanguageCode`). @default 'en-US' */
  readonly languageCode?: string;
  /** Contact attributes set when the contact starts (a task's `Attributes`). @default none */
  readonly attributes?: Readonly<Record<string, string>>;
}

/** A fresh contact, before its flow's first action. */
export function newContact(contact: NewContact): ContactState {
  const channel = contact.channel ?? 'VOICE';
  return {
    contactId: contact.contactId,
    channel,
    initiationMethod: channel === 'TASK' ? 'API' : 'INBOUND',
    customerNumber: contact.customerNumber,
    systemNumber: contact.systemNumber,
    languageCode: contact.languageCode ?? 'en-US',
    voice: undefined,
    flowAttributes: {},
    contactAttributes: { ...contact.attributes },
    external: {},
    lex: undefined,
    storedInput: undefined,
    queue: undefined,
    audio: null,
    streaming: false,
    flowLogging: 'Enabled',
  };
}

/** The contact as `$.` paths see it, shaped like Connect's flow data (namespaces are its top-level keys). */
function flowData(state: ContactState): Readonly<Record<string, unknown>> {
  return {
    ContactId: state.contactId,
    InitialContactId: state.contactId,
    Channel: state.channel,
    InitiationMethod: state.initiationMethod,
    LanguageCode: state.languageCode,
    CustomerEndpoint: state.customerNumber === undefined ? {} : { Address: state.customerNumber, Type: 'TELEPHONE_NUMBER' },
    SystemEndpoint: state.systemNumber === undefined ? {} : { Address: state.systemNumber, Type: 'TELEPHONE_NUMBER' },
    Attributes: state.contactAttributes,
    FlowAttributes: state.flowAttributes,
    External: state.external,
    Lex: state.lex ? { IntentName: state.lex.intentName, SessionAttributes: state.lex.sessionAttributes } : {},
    StoredCustomerInput: state.storedInput,
    Queue: state.queue ? { ARN: state.queue } : {},
    MediaStreams: { Customer: { Audio: state.audio } },
  };
}

/** Dotted segments after `$.`; brackets and wildcards are not supported. */
const SEGMENT = /^[A-Za-z0-9_:*-]+$/;

/**
 * The value of a `$.` JSONPath reference for the contact, or `undefined` when the attribute is not
 * set (as in Connect, where a missing attribute matches no condition).
 *
 * @throws {UnsupportedReferenceError} for a namespace Connect's flow data does not have here, or syntax the simulator does not read
 * @example
 * referenceValue('$.Lex.SessionAttributes.authResult', contact); // 'ok'
 */
export function referenceValue(reference: string, state: ContactState): string | undefined {
  if (!reference.startsWith('$.')) throw new UnsupportedReferenceError(reference, 'a reference starts with $.');
  const segments = reference.slice(2).split('.');
  if (!segments.every((segment) => SEGMENT.test(segment))) throw new UnsupportedReferenceError(reference, 'only dotted names are supported');
  const data = flowData(state);
  const [namespace, ...rest] = segments as [string, ...string[]];
  if (!Object.hasOwn(data, namespace)) {
    throw new UnsupportedReferenceError(reference, `unknown namespace ${namespace} (known: ${Object.keys(data).join(', ')})`);
  }
  let value: unknown = data[namespace];
  for (const segment of rest) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * A parameter value: a `$.` reference is evaluated, anything else is a static value.
 *
 * @example
 * parameterValue('$.CustomerEndpoint.Address', contact); // '+16085550142'
 * parameterValue('6000', contact); // '6000'
 */
export function parameterValue(value: string, state: ContactState): string | undefined {
  return value.startsWith('$.') ? referenceValue(value, state) : value;
}

/** `$.` references inside a prompt's text; an attribute that is not set is read as nothing. */
const INLINE_REFERENCE = /\$\.[A-Za-z]\w*(?:\.[\w-]+)*/g;

/**
 * A prompt's Text or SSML with its inline `$.` references replaced by their values, as Connect's
 * text-to-speech prompts do.
 */
export function interpolate(text: string, state: ContactState): string {
  return text.replace(INLINE_REFERENCE, (reference) => referenceValue(reference, state) ?? '');
}

/** What Connect keeps in the contact record: contact attributes and the queue, never flow attributes. */
export interface ContactRecord {
  readonly ContactId: string;
  readonly Attributes: Readonly<Record<string, string>>;
  readonly QueueArn: string | undefined;
}

/** The contact record of the contact as it stands. */
export function contactRecord(state: ContactState): ContactRecord {
  return { ContactId: state.contactId, Attributes: { ...state.contactAttributes }, QueueArn: state.queue };
}
