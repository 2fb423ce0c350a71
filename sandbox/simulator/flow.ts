import { randomUUID } from 'node:crypto';
import { BOT_NAMES, IVR_NEXT, SESSION_ATTRIBUTES, type ContactLanguage } from '../../contract';
import type { PatientSearchStrategy } from '../../fulfillment/epic';
import type { LexHandler } from '../../fulfillment/dialog/codeHook';
import { MAX_CALLER_LINES, runFlow, type CallPrinter, type Clinic, type ContactRecord, type FlowHooks, type LineSource, type LocalLambda } from './connect';
import { localPatientIvr } from './localFlow';

export { MAX_CALLER_LINES };
export type { CallPrinter, LineSource };

/** How the call ended, for the exit status and tests. */
export interface CallResult {
  /**
   * `goodbye`: the flow disconnected after PatientServices set `ivrNext=goodbye`; `transfer`: queued
   * to the clinic staff; `disconnect`: the flow hung up otherwise (closed clinic, failed transfer);
   * `hangup`: the caller's lines ran out; `limit`: the caller used {@link MAX_CALLER_LINES} lines.
   */
  readonly ending: 'goodbye' | 'transfer' | 'disconnect' | 'hangup' | 'limit';
  /** PatientAuth's `authResult` when the call ended. */
  readonly authResult: string | undefined;
  /** Caller lines taken. */
  readonly turns: number;
  /** Identifiers of the flow's actions, in the order they ran. */
  readonly path: readonly string[];
  /** The contact record Connect would keep (contact attributes only, never flow attributes). */
  readonly contactRecord: ContactRecord;
}

/**
 * Plays one phone call through the deployed contact flow: `patient-ivr` rendered with local ARNs and
 * run by the flow interpreter, its Lex blocks talking to the real handler. The session token lives
 * in a flow attribute, as in Connect.
 *
 * @example
 * const result = await playCall({ handler, callerNumber: '+16085550142', lines, print, searchStrategy: 'name' });
 */
export async function playCall(options: {
  handler: LexHandler;
  callerNumber: string;
  lines: LineSource;
  print: CallPrinter;
  searchStrategy: PatientSearchStrategy;
  /** Hours and capacity of the clinic's queue. @default open, not at capacity */
  clinic?: Partial<Clinic>;
  /** Media streaming and recording hooks (the symptom-note pipeline plugs in here). @default local stand-ins */
  hooks?: Partial<FlowHooks>;
  /** Lambda functions by placeholder (`SymptomCaptureFunctionArn`). @default local stand-ins */
  functions?: Readonly<Record<string, LocalLambda>>;
  /** Rewrites the rendered flow before the call, e.g. to try a changed flow. @default unchanged */
  editFlow?: (json: string) => string;
  /** E.164 after-hours nurse number (the flow's `afterHoursNurseNumber` setting). @default none */
  afterHoursNurseNumber?: string;
  /**
   * The line's default language (the flow's `defaultLanguage` setting): `es-US` starts the call in
   * Spanish, as if the caller had pressed 2 at an English line's greeting. @default 'en-US'
   */
  defaultLanguage?: ContactLanguage;
  /** The contact's language (`$.LanguageCode`) when the call comes in, before the flow sets one. @default 'en-US' */
  languageCode?: string;
}): Promise<CallResult> {
  const local = localPatientIvr({
    handler: options.handler,
    searchStrategy: options.searchStrategy,
    ...(options.functions ? { functions: options.functions } : {}),
    settings: {
      ...(options.afterHoursNurseNumber ? { afterHoursNurseNumber: options.afterHoursNurseNumber } : {}),
      ...(options.defaultLanguage ? { defaultLanguage: options.defaultLanguage } : {}),
    },
  });
  const outcome = await runFlow({
    flow: options.editFlow ? options.editFlow(local.json) : local.json,
    contact: { contactId: randomUUID(), customerNumber: options.callerNumber, ...(options.languageCode ? { languageCode: options.languageCode } : {}) },
    lines: options.lines,
    print: options.print,
    bots: local.bots,
    functions: local.functions,
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.clinic ? { clinic: options.clinic } : {}),
    maxCallerLines: MAX_CALLER_LINES,
  });
  const said = (bot: string, attribute: string) => outcome.lexSessions[bot]?.[attribute];
  const endings = { transferred: 'transfer', transferredOut: 'transfer', hangup: 'hangup', limit: 'limit' } as const;
  const ending =
    outcome.ending === 'disconnected'
      ? outcome.contact.lex?.sessionAttributes[SESSION_ATTRIBUTES.ivrNext] === IVR_NEXT.goodbye && outcome.contact.lex.botName === BOT_NAMES.patientServices
        ? 'goodbye'
        : 'disconnect'
      : endings[outcome.ending];
  return {
    ending,
    authResult: said(BOT_NAMES.patientAuth, SESSION_ATTRIBUTES.authResult),
    turns: outcome.turns,
    path: outcome.path,
    contactRecord: outcome.record,
  };
}
