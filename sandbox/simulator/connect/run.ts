import type { BotStep } from '../lexRuntime';
import type { CallerInput } from '../matcher';
import type { ContactState } from './contact';
import type { ModelledActionType } from '../../../contact-flows/parameters';
import type { RunnableAction } from './document';
import type { FlowHooks, LocalLambda } from './hooks';

/** Where the caller's lines come from: a script, or the terminal. `undefined` = the caller hung up. */
export interface LineSource {
  next(): Promise<string | undefined>;
}

/** Where the simulator prints: what the caller hears, what they say, what the system decided. */
export interface CallPrinter {
  ivr(text: string): void;
  caller(text: string): void;
  trace(text: string): void;
}

/** One Lex V2 session of a contact with one bot alias: its session attributes and the caller's turns. */
export interface LexConversation {
  /** Session attributes; the flow merges `LexSessionAttributes` in each time its block starts. */
  attributes: Record<string, string>;
  say(input: CallerInput): Promise<BotStep>;
}

/**
 * A bot alias of the local instance: its name, and a session per contact (Connect uses the contact
 * id) and bot locale (the locale of the contact's language, `es_US` for `es-US`).
 */
export interface LocalLexBot {
  readonly name: string;
  open(sessionId: string, localeId: string): LexConversation;
}

/** How one queue answers, when it differs from the clinic's default. */
export interface QueueState {
  /** `CheckHoursOfOperation` on this queue answers True. @default the clinic's `open` */
  readonly open?: boolean;
  /** `TransferContactToQueue` to this queue fails with QueueAtCapacity. @default the clinic's `queueAtCapacity` */
  readonly atCapacity?: boolean;
}

/** How the clinic's queues answer: their hours of operation and their capacity; and outside numbers. */
export interface Clinic {
  /** `CheckHoursOfOperation` answers True. @default true */
  readonly open: boolean;
  /** `TransferContactToQueue` fails with QueueAtCapacity. @default false */
  readonly queueAtCapacity: boolean;
  /** Queues that answer otherwise, by queue ARN (e.g. the urgent queue closed at night). @default none */
  readonly queues?: Readonly<Record<string, QueueState>>;
  /** `TransferParticipantToThirdParty` reaches the number. @default true */
  readonly thirdPartyAnswers?: boolean;
}

/** Whether the contact's target queue is open, and whether it is full. */
export function queueState(clinic: Clinic, queue: string | undefined): { readonly open: boolean; readonly atCapacity: boolean } {
  const own = queue === undefined ? undefined : clinic.queues?.[queue];
  return { open: own?.open ?? clinic.open, atCapacity: own?.atCapacity ?? clinic.queueAtCapacity };
}

/** A timer the Lambda time limit races against; a port so tests need not wait. */
export type Deadline = (ms: number) => { readonly expired: Promise<void>; cancel(): void };

/** How a call left the flow. */
export type FlowEnding = 'disconnected' | 'transferred' | 'transferredOut' | 'hangup' | 'limit';

/** The caller's next line, or the end of the call when they hung up or used up their lines. */
export type CallerLine = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'end'; readonly ending: 'hangup' | 'limit' };

/**
 * What an action did, which decides the way out: `next` is `Transitions.NextAction`, `branch` picks
 * among `Conditions` by `value`, `error` takes the `Errors` entry of `errorType`, `end` ends the call.
 */
export type ActionOutcome =
  | { readonly kind: 'next' }
  | { readonly kind: 'branch'; readonly value: string | undefined; readonly subject: string }
  | { readonly kind: 'error'; readonly errorType: string; readonly reason: string }
  | { readonly kind: 'end'; readonly ending: FlowEnding };

/** Everything an action sees of the running call. */
export interface FlowRun {
  readonly state: ContactState;
  readonly print: CallPrinter;
  /** Bot aliases by ARN. */
  readonly bots: ReadonlyMap<string, LocalLexBot>;
  /**
   * Open Lex sessions of this contact, by alias ARN and locale (`<arn> es_US`): a bot run twice in
   * one language keeps its session attributes; a new language is a new Lex session.
   */
  readonly sessions: Map<string, LexConversation>;
  /** Lambda functions by ARN. */
  readonly functions: ReadonlyMap<string, LocalLambda>;
  readonly hooks: FlowHooks;
  readonly clinic: Clinic;
  readonly deadline: Deadline;
  /** The caller's next line (printed as said), within the call's line limit. */
  listen(): Promise<CallerLine>;
  /** The caller's next line without taking it: the next `listen` returns it (and only then prints it). */
  peek(): Promise<CallerLine>;
}

/** Runs one action of type `T`, its Parameters already parsed. */
export type ActionHandler<T extends ModelledActionType> = (action: RunnableAction<T>, run: FlowRun) => Promise<ActionOutcome>;

/** The outcome of an error branch. */
export function failed(errorType: string, reason: string): ActionOutcome {
  return { kind: 'error', errorType, reason };
}

/** The catch-all error type every action may wire. */
export const NO_MATCHING_ERROR = 'NoMatchingError';
