import type { LexV2Event } from 'aws-lambda';
import { LOCALE_ID } from '../../contract';

/**
 * A Lex V2 code hook event as the handler sees it after the runtime check at the edge: the fields the
 * handler relies on are there and well-typed; every other field passes through as it came (AWS adds
 * fields). Checked by hand rather than by a schema library: the check runs on every turn of every
 * call, and a generic schema walk cost a tenth of a millisecond on a turn after an idle wait, the
 * caller's silence (the benchmark's `handlerOverheadMsP99`).
 */
export interface LexEvent {
  messageVersion?: string;
  invocationSource: 'DialogCodeHook' | 'FulfillmentCodeHook';
  /** `Text` when absent or unknown. */
  inputMode: 'DTMF' | 'Speech' | 'Text';
  /** @default 'text/plain; charset=utf-8' */
  responseContentType: string;
  sessionId: string;
  /** What the caller said or keyed; `''` when Lex sent none. */
  inputTranscript: string;
  invocationLabel?: string | null;
  bot: { name: string; /** @default LOCALE_ID */ localeId: string; id?: string; aliasId?: string; aliasName?: string; version?: string; [field: string]: unknown };
  interpretations: LexInterpretation[];
  proposedNextState?: { dialogAction?: LexDialogAction | null; intent?: LexIntent | null; [field: string]: unknown } | null;
  requestAttributes?: Record<string, string> | null;
  sessionState: { sessionAttributes?: Record<string, string> | null; dialogAction?: LexDialogAction | null; intent: LexIntent; originatingRequestId?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** An intent of the event; `slots` is `{}` when Lex sent none. */
export interface LexIntent {
  name: string;
  slots: LexSlots;
  state?: string;
  confirmationState?: string;
  [field: string]: unknown;
}

/** A slot as Lex sends it: a List slot carries `values`, a Scalar one only `value`; unknown shapes pass. */
export interface LexSlot {
  shape?: string;
  value?: { originalValue?: string; interpretedValue?: string; resolvedValues?: string[]; [field: string]: unknown };
  [field: string]: unknown;
}

/** The slots of an intent by name (`null`: not filled). */
export type LexSlots = Record<string, LexSlot | null | undefined>;

/** A dialog action of the session state or of Lex's proposed next state. */
export interface LexDialogAction {
  type: string;
  slotToElicit?: string | null;
  [field: string]: unknown;
}

/** One of Lex's interpretations of the caller's words. */
export interface LexInterpretation {
  intent?: LexIntent | null;
  nluConfidence?: number | null;
  [field: string]: unknown;
}

/** Result of {@link parseLexEvent}: the event, or the names of the fields that were wrong. */
export type ParsedLexEvent = { ok: true; event: LexEvent } | { ok: false; problems: string[] };

const INVOCATION_SOURCES: ReadonlySet<unknown> = new Set(['DialogCodeHook', 'FulfillmentCodeHook']);
const INPUT_MODES: ReadonlySet<unknown> = new Set(['DTMF', 'Speech', 'Text']);
const DEFAULT_CONTENT_TYPE = 'text/plain; charset=utf-8';
const MAX_TRANSCRIPT = 10_000;
const MAX_SESSION_ID = 256;

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problems found so far, by field path (`sessionState.intent.name`), never by value. */
class Problems {
  readonly found: string[] = [];

  public add(path: string): void {
    this.found.push(path);
  }

  /** An optional string (`undefined` passes; with `nullable`, `null` too). */
  public string(fields: Fields, name: string, path: string, nullable = false): void {
    const value = fields[name];
    if (value === undefined || typeof value === 'string' || (nullable && value === null)) return;
    this.add(join(path, name));
  }

  /** A string of `min` to `max` characters that must be there. */
  public required(fields: Fields, name: string, path: string, min = 1, max = Infinity): void {
    const value = fields[name];
    if (typeof value !== 'string' || value.length < min || value.length > max) this.add(join(path, name));
  }

  /** An object whose every value is a string (attributes), or absent or null. */
  public strings(value: unknown, path: string): void {
    if (value === undefined || value === null) return;
    if (!isFields(value)) return this.add(path);
    for (const name of Object.keys(value)) if (typeof value[name] !== 'string') this.add(join(path, name));
  }
}

function join(path: string, name: string | number): string {
  return path ? `${path}.${name}` : String(name);
}

function checkDialogAction(value: unknown, path: string, problems: Problems): void {
  if (value === undefined || value === null) return;
  if (!isFields(value)) return problems.add(path);
  problems.required(value, 'type', path, 0);
  problems.string(value, 'slotToElicit', path, true);
}

/** Checks an intent; returns it with `slots` as a fresh object (the dialog fills slots in place). */
function readIntent(value: unknown, path: string, problems: Problems): LexIntent | undefined {
  if (!isFields(value)) {
    problems.add(path);
    return undefined;
  }
  problems.required(value, 'name', path);
  problems.string(value, 'state', path);
  problems.string(value, 'confirmationState', path);
  const slots: LexSlots = {};
  const given = value.slots;
  if (given !== undefined) {
    if (!isFields(given)) problems.add(join(path, 'slots'));
    else {
      for (const name of Object.keys(given)) {
        // No bot has such a slot, and assigning it would set the object's prototype instead.
        if (name === '__proto__') continue;
        const slot = given[name];
        const at = join(join(path, 'slots'), name);
        if (slot !== undefined && slot !== null && !checkSlot(slot, at, problems)) continue;
        slots[name] = slot as LexSlot | null | undefined;
      }
    }
  }
  return { ...value, slots } as LexIntent;
}

function checkSlot(slot: unknown, path: string, problems: Problems): boolean {
  if (!isFields(slot)) {
    problems.add(path);
    return false;
  }
  const before = problems.found.length;
  problems.string(slot, 'shape', path);
  const value = slot.value;
  if (value !== undefined) {
    const at = join(path, 'value');
    if (!isFields(value)) problems.add(at);
    else {
      problems.string(value, 'originalValue', at);
      problems.string(value, 'interpretedValue', at);
      const resolved = value.resolvedValues;
      if (resolved !== undefined && !(Array.isArray(resolved) && resolved.every((item) => typeof item === 'string'))) problems.add(join(at, 'resolvedValues'));
    }
  }
  return problems.found.length === before;
}

/**
 * Checks an incoming event and fills its defaults; never throws. Problems name fields only, never
 * values. The event's own objects are kept, but for the copies the handler may change (the current
 * intent's slots).
 */
export function parseLexEvent(input: unknown): ParsedLexEvent {
  if (!isFields(input)) return { ok: false, problems: ['(root)'] };
  const problems = new Problems();
  problems.string(input, 'messageVersion', '');
  if (!INVOCATION_SOURCES.has(input.invocationSource)) problems.add('invocationSource');
  problems.string(input, 'responseContentType', '');
  problems.required(input, 'sessionId', '', 1, MAX_SESSION_ID);
  const transcript = input.inputTranscript;
  if (transcript !== undefined && transcript !== null && (typeof transcript !== 'string' || transcript.length > MAX_TRANSCRIPT)) problems.add('inputTranscript');
  problems.string(input, 'invocationLabel', '', true);

  const bot = input.bot;
  if (!isFields(bot)) problems.add('bot');
  else {
    problems.required(bot, 'name', 'bot');
    for (const name of ['localeId', 'id', 'aliasId', 'aliasName', 'version']) problems.string(bot, name, 'bot');
  }

  const interpretations: LexInterpretation[] = [];
  if (input.interpretations !== undefined) {
    if (!Array.isArray(input.interpretations)) problems.add('interpretations');
    else {
      input.interpretations.forEach((item: unknown, index) => {
        const at = join('interpretations', index);
        if (!isFields(item)) return problems.add(at);
        const confidence = item.nluConfidence;
        if (confidence !== undefined && confidence !== null && typeof confidence !== 'number') problems.add(join(at, 'nluConfidence'));
        const intent = item.intent === undefined || item.intent === null ? item.intent : readIntent(item.intent, join(at, 'intent'), problems);
        interpretations.push(intent === item.intent ? (item as LexInterpretation) : { ...item, intent });
      });
    }
  }

  let proposedNextState = input.proposedNextState as LexEvent['proposedNextState'];
  if (proposedNextState !== undefined && proposedNextState !== null) {
    if (!isFields(proposedNextState)) problems.add('proposedNextState');
    else {
      checkDialogAction(proposedNextState.dialogAction, 'proposedNextState.dialogAction', problems);
      const intent = proposedNextState.intent;
      if (intent !== undefined && intent !== null) proposedNextState = { ...proposedNextState, intent: readIntent(intent, 'proposedNextState.intent', problems) };
    }
  }
  problems.strings(input.requestAttributes, 'requestAttributes');

  const state = input.sessionState;
  let intent: LexIntent | undefined;
  if (!isFields(state)) problems.add('sessionState');
  else {
    problems.strings(state.sessionAttributes, 'sessionState.sessionAttributes');
    checkDialogAction(state.dialogAction, 'sessionState.dialogAction', problems);
    intent = readIntent(state.intent, 'sessionState.intent', problems);
    problems.string(state, 'originatingRequestId', 'sessionState');
  }

  if (problems.found.length > 0 || !isFields(bot) || !isFields(state) || !intent) return { ok: false, problems: problems.found };
  const event: LexEvent = {
    ...input,
    invocationSource: input.invocationSource as LexEvent['invocationSource'],
    inputMode: INPUT_MODES.has(input.inputMode) ? (input.inputMode as LexEvent['inputMode']) : 'Text',
    responseContentType: (input.responseContentType as string | undefined) ?? DEFAULT_CONTENT_TYPE,
    sessionId: input.sessionId as string,
    inputTranscript: (transcript as string | null | undefined) ?? '',
    bot: { ...bot, name: bot.name as string, localeId: (bot.localeId as string | undefined) ?? LOCALE_ID },
    interpretations,
    proposedNextState,
    sessionState: { ...state, intent },
  };
  return { ok: true, event };
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
