import { randomUUID } from 'node:crypto';
import type { LexV2Event, LexV2Result } from 'aws-lambda';
import type { BotDefinition, IntentDefinition, MessageDefinition, SlotDefinition } from '../../bots';
import { INTENTS, LOCALE_ID, type SlotElicitationStyle } from '../../contract';
import type { LexHandler } from '../../fulfillment/dialog/codeHook';
import { IntentMatcher, normalize, resolveSlot, type CallerInput } from './matcher';

/** What the caller heard and what the bot decided in one exchange. */
export interface BotStep {
  /** Messages spoken, as the handler or the bot's own prompts produced them (SSML or text). */
  readonly spoken: string[];
  /** Short account of the bot's decisions, for the simulator's trace. */
  readonly decisions: string[];
  /** Set when the bot closed: the intent's final state. */
  readonly closed?: 'Fulfilled' | 'Failed';
  /** Set when the bot closed: the intent it closed (what a flow reads as `$.Lex.IntentName`). */
  readonly intent?: string;
}

type Slots = NonNullable<LexV2Event['sessionState']['intent']['slots']>;

/** Most code hook calls one caller line may cause: Delegate → fulfillment is two. */
const MAX_HOOK_CALLS_PER_LINE = 4;

/**
 * A small emulation of the Lex V2 runtime for one bot and one session: it keeps the session state,
 * picks intents with {@link IntentMatcher}, resolves slots, plays the bot's own slot prompts on
 * `Delegate`, and calls the real handler with events shaped like the ones Lex sends from Connect.
 */
export class LexRuntime {
  public attributes: Record<string, string>;
  readonly #bot: BotDefinition;
  readonly #handler: LexHandler;
  readonly #sessionId: string;
  /** The bot locale of this session: Lex V2 keeps a session per locale, the contact's language picks it. */
  readonly #localeId: string;
  readonly #matcher: IntentMatcher;
  readonly #today: () => Date;
  #intent: { name: string; slots: Slots } | undefined;
  #eliciting: string | undefined;
  /** How Lex listens for the slot being elicited: set by the code hook's ElicitSlot, for that question only. */
  #style: SlotElicitationStyle = 'Default';
  readonly #attempts = new Map<string, number>();

  /** `localeId`: the bot locale the session runs in. @default LOCALE_ID (en_US) */
  public constructor(options: { bot: BotDefinition; handler: LexHandler; sessionId: string; attributes: Record<string, string>; today?: () => Date; localeId?: string }) {
    this.#bot = options.bot;
    this.#handler = options.handler;
    this.#sessionId = options.sessionId;
    this.#localeId = options.localeId ?? LOCALE_ID;
    this.attributes = { ...options.attributes };
    this.#matcher = new IntentMatcher(options.bot, this.#localeId);
    this.#today = options.today ?? (() => new Date());
  }

  /** One caller line: fills the slot being asked for, or starts the intent it matches. */
  public async say(input: CallerInput): Promise<BotStep> {
    const step: BotStep = { spoken: [], decisions: [] };
    if (this.#intent && this.#eliciting) return this.#answerSlot(step, input, this.#intent, this.#eliciting);
    const guess = this.#matcher.match(input.transcript);
    const slotted = guess.intent === INTENTS.fallback ? this.#slotUtterance(input) : undefined;
    if (slotted) {
      // The caller answered before being asked (after the flow's own prompt): Lex picks the intent
      // from a slot utterance such as `{BirthDate}` and proposes eliciting that slot.
      const intent = { name: slotted.intent.name, slots: Object.fromEntries(slotted.intent.slots.map((slot) => [slot.name, null])) as Slots };
      this.#intent = intent;
      this.#eliciting = slotted.slot.name;
      step.decisions.push(`intent ${intent.name} (slot utterance {${slotted.slot.name}})`);
      return this.#answerSlot(step, input, intent, slotted.slot.name, slotted.value);
    }
    const intent = this.#definition(guess.intent);
    this.#intent = { name: guess.intent, slots: Object.fromEntries((intent?.slots ?? []).map((slot) => [slot.name, null])) };
    step.decisions.push(`intent ${guess.intent} (confidence ${guess.confidence.toFixed(2)})`);
    const source = intent?.dialogCodeHookEnabled ? 'DialogCodeHook' : 'FulfillmentCodeHook';
    return this.#invoke(step, source, input, MAX_HOOK_CALLS_PER_LINE);
  }

  /** The caller's answer for the slot being elicited (`value`: the slot's words within the input). */
  async #answerSlot(step: BotStep, input: CallerInput, intent: { name: string; slots: Slots }, slotName: string, value: CallerInput = input): Promise<BotStep> {
    const slot = this.#slotDefinition(slotName);
    const resolved = slot ? resolveSlot(slot.slotTypeName, value, this.#locale().slotTypes, this.#today(), this.#style, this.#localeId) : undefined;
    this.#style = 'Default';
    intent.slots[slotName] = resolved ? { shape: 'Scalar', value: resolved } : null;
    step.decisions.push(`slot ${slotName} ${resolved ? 'resolved' : 'not resolved'}`);
    return this.#invoke(step, 'DialogCodeHook', input, MAX_HOOK_CALLS_PER_LINE, slotName);
  }

  /**
   * An intent utterance with one slot that fits the caller's words: its literal words match and the
   * slot resolves, or the input is keyed and the slot takes keypad input (Lex leaves keyed dates to
   * the Lambda, which reads them from the transcript).
   */
  #slotUtterance(input: CallerInput): { intent: IntentDefinition; slot: SlotDefinition; value: CallerInput } | undefined {
    const heard = normalize(input.transcript);
    for (const intent of this.#locale().intents) {
      for (const utterance of intent.sampleUtterances) {
        const parts = /^([^{}]*)\{(\w+)\}([^{}]*)$/.exec(utterance);
        const slot = parts ? intent.slots.find((candidate) => candidate.name === parts[2]) : undefined;
        if (!parts || !slot) continue;
        const [before, after] = [normalize(parts[1] ?? ''), normalize(parts[3] ?? '')];
        const value = heard.startsWith(before) && heard.endsWith(after) ? heard.slice(before.length, heard.length - after.length).trim() : '';
        if (!value) continue;
        const said: CallerInput = before || after ? { ...input, transcript: value } : input;
        const resolves = resolveSlot(slot.slotTypeName, said, this.#locale().slotTypes, this.#today(), 'Default', this.#localeId) !== undefined;
        if (resolves || (input.inputMode === 'DTMF' && slot.input.allowDtmfInput)) return { intent, slot, value: said };
      }
    }
    return undefined;
  }

  async #invoke(step: BotStep, source: LexV2Event['invocationSource'], input: CallerInput, budget: number, label?: string): Promise<BotStep> {
    if (budget <= 0 || !this.#intent) return { ...step, closed: 'Failed', decisions: [...step.decisions, 'gave up: too many code hook calls'] };
    const response = await this.#handler(this.#event(source, input, label));
    return this.#apply(step, response, input, budget - 1);
  }

  async #apply(step: BotStep, response: LexV2Result, input: CallerInput, budget: number): Promise<BotStep> {
    const { sessionState } = response;
    this.attributes = { ...(sessionState.sessionAttributes ?? {}) };
    for (const message of response.messages ?? []) if ('content' in message) step.spoken.push(message.content);
    const action = sessionState.dialogAction;
    const spelled = action.type === 'ElicitSlot' && action.slotElicitationStyle && action.slotElicitationStyle !== 'Default' ? ` ${action.slotElicitationStyle}` : '';
    step.decisions.push(`${action.type}${action.slotToElicit ? ` ${action.slotToElicit}` : ''}${spelled}${sessionState.intent?.state ? ` (${sessionState.intent.state})` : ''}`);
    if (sessionState.intent?.name) this.#intent = { name: sessionState.intent.name, slots: { ...(sessionState.intent.slots ?? {}) } };
    switch (action.type) {
      case 'Close':
        this.#intent = undefined;
        this.#eliciting = undefined;
        return { ...step, closed: sessionState.intent?.state === 'Fulfilled' ? 'Fulfilled' : 'Failed', ...(sessionState.intent?.name ? { intent: sessionState.intent.name } : {}) };
      case 'ElicitSlot':
        this.#eliciting = action.slotToElicit;
        this.#style = action.slotElicitationStyle ?? 'Default';
        this.#count(action.slotToElicit);
        if (!response.messages?.length) this.#prompt(step, action.slotToElicit);
        return step;
      case 'ElicitIntent':
        this.#intent = undefined;
        this.#eliciting = undefined;
        return step;
      case 'Delegate':
        return this.#delegate(step, budget, input);
      default:
        return { ...step, closed: 'Failed', decisions: [...step.decisions, `unsupported dialog action ${action.type}`] };
    }
  }

  /** Lex's own move on `Delegate`: ask the next empty slot in priority order, or fulfill. */
  async #delegate(step: BotStep, budget: number, input: CallerInput): Promise<BotStep> {
    const intent = this.#intent ? this.#definition(this.#intent.name) : undefined;
    const next = intent?.slots.find((slot) => slot.required && !this.#intent?.slots[slot.name]);
    if (next) {
      const attempts = this.#count(next.name);
      if (attempts > next.maxRetries + 1) {
        this.#intent = undefined;
        return { ...step, closed: 'Failed', decisions: [...step.decisions, `retries of ${next.name} exhausted`] };
      }
      this.#eliciting = next.name;
      this.#prompt(step, next.name);
      return step;
    }
    this.#eliciting = undefined;
    if (!intent?.fulfillment.codeHookEnabled) return { ...step, closed: 'Fulfilled' };
    return this.#invoke(step, 'FulfillmentCodeHook', input, budget);
  }

  #prompt(step: BotStep, slotName: string): void {
    const slot = this.#slotDefinition(slotName);
    if (!slot) return;
    const attempt = Math.min((this.#attempts.get(slotName) ?? 1) - 1, slot.prompts.length - 1);
    const message = slot.prompts[attempt] as MessageDefinition | undefined;
    if (message) step.spoken.push('ssml' in message ? message.ssml : message.text);
  }

  #count(slotName: string): number {
    const attempts = (this.#attempts.get(slotName) ?? 0) + 1;
    this.#attempts.set(slotName, attempts);
    return attempts;
  }

  /** An event as Lex sends it from a Connect voice call (no `proposedNextState`: Lex omits it when it has none). */
  #event(source: LexV2Event['invocationSource'], input: CallerInput, label?: string): Omit<LexV2Event, 'proposedNextState'> & { invocationLabel?: string } {
    const intent = { name: this.#intent?.name ?? '', slots: this.#intent?.slots ?? {}, state: 'InProgress' as const, confirmationState: 'None' as const };
    return {
      messageVersion: '1.0',
      invocationSource: source,
      inputMode: input.inputMode,
      responseContentType: 'audio/pcm',
      sessionId: this.#sessionId,
      inputTranscript: input.transcript,
      ...(label ? { invocationLabel: label } : {}),
      bot: { id: 'SIMULATED', name: this.#bot.name, aliasId: 'TSTALIASID', aliasName: 'TestBotAlias', localeId: this.#localeId, version: 'DRAFT' },
      interpretations: [{ intent, nluConfidence: 0.9 }],
      requestAttributes: { 'x-amz-lex:channels:platform': 'Connect', 'x-amz-lex:accept-content-types': 'PlainText,SSML' },
      sessionState: {
        sessionAttributes: { ...this.attributes },
        intent,
        ...(this.#eliciting ? { dialogAction: { type: 'ElicitSlot' as const, slotToElicit: this.#eliciting } } : {}),
        originatingRequestId: randomUUID(),
      },
      transcriptions: [{ transcription: input.transcript, transcriptionConfidence: 0.9, resolvedContext: { intent: intent.name }, resolvedSlots: {} }],
    };
  }

  #locale() {
    const locale = this.#bot.locales.find((candidate) => candidate.localeId === this.#localeId) ?? this.#bot.locales[0];
    return locale as NonNullable<BotDefinition['locales'][0]>;
  }

  #definition(name: string): IntentDefinition | undefined {
    return this.#locale().intents.find((intent) => intent.name === name);
  }

  #slotDefinition(name: string): SlotDefinition | undefined {
    return this.#intent ? this.#definition(this.#intent.name)?.slots.find((slot) => slot.name === name) : undefined;
  }
}
