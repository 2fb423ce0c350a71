import type { LexV2Result } from 'aws-lambda';
import { ConfigError } from '../runtime/config';
import { coldStart } from '../runtime/coldStart';
import { INTENTS, IVR_NEXT, LOCALE_ID, SESSION_ATTRIBUTES } from '../../contract';
import { catalogFor } from '../../prompts';
import { Deadline } from '../epic';
import { apologize, newTurn, route, turnWords } from './router';
import { phrasesFor } from './phrases';
import type { DialogDeps, Turn } from './turn';
import { parseLexEvent, wantsSpeech, type SpeechHints } from '../lex/event';
import { withinLexLimits } from '../lex/attributes';
import { toPlainText, toSsml } from '../lex/speech';
import { logger } from '../runtime/logger';

/** The part of the Lambda context the handler uses. */
export interface InvocationContext {
  getRemainingTimeInMillis?(): number;
}

/** A Lex V2 code hook: any input in, a valid Lex response out, never a throw. */
export type LexHandler = (event: unknown, context?: InvocationContext) => Promise<LexV2Result>;

/**
 * Longest a turn may take before the caller hears an apology and the offer of a person instead of
 * more silence. Epic's own bounds (4 s per attempt, retries) could otherwise add up past the point
 * where callers hang up, and past the Lambda's timeout, which would leave Lex with no answer at all.
 * The deadline reaches Epic as the turn's `AbortSignal`: when it fires, the step stops there.
 */
export const TURN_DEADLINE_MS = 10_000;

/**
 * After the deadline fires, how long the step may take to stop and give back what it holds (the
 * lockout attempt it reserved) before the apology goes out without it. In Lambda nothing runs
 * after the answer (the container freezes), so this is when the give-back happens or never does.
 */
const UNWIND_MS = 200;

/** Time kept back from the Lambda's remaining time: the step's unwinding, then building and returning the apology. */
const DEADLINE_RESERVE_MS = 500;

/** Options of {@link createHandler}. */
export interface HandlerOptions {
  /** @default TURN_DEADLINE_MS */
  readonly deadlineMs?: number;
}

/**
 * Builds the one handler behind both bots. `deps` is called once (cold start) and its result shared
 * by every turn the container serves; if it fails, each turn apologizes and hands the caller to a
 * person until a new container starts.
 */
export function createHandler(deps: () => Promise<DialogDeps>, options: HandlerOptions = {}): LexHandler {
  const load = coldStart(deps);
  return async (input, context) => {
    const started = performance.now();
    const parsed = parseLexEvent(input);
    if (!parsed.ok) {
      logger.warn('lex event rejected', { event: 'lex.invalidEvent', problems: parsed.problems.slice(0, 10) });
      return minimalApology(input);
    }
    const { event } = parsed;
    const base = { sessionId: event.sessionId, bot: event.bot.name, intent: event.sessionState.intent.name, source: event.invocationSource, inputMode: event.inputMode };
    let outcome = 'unknown';
    try {
      const deps = await load();
      const remaining = context?.getRemainingTimeInMillis?.();
      const budget = Math.min(options.deadlineMs ?? TURN_DEADLINE_MS, remaining === undefined ? Infinity : remaining - DEADLINE_RESERVE_MS);
      const deadline = new Deadline(budget - (performance.now() - started));
      const turn: Turn = { ...newTurn(event, deps), signal: deadline.signal };
      const fallback = { event, attributes: { ...turn.attributes }, speech: turn.speech, phrases: turn.phrases, outcome };
      const overDeadline = (): LexV2Result => {
        logger.error('turn over its deadline', { ...base, event: 'lex.turnDeadline', deadlineMs: Math.round(budget) });
        const apology = apologize(fallback, 'deadline');
        outcome = fallback.outcome;
        return apology;
      };
      let timer: NodeJS.Timeout | undefined;
      let backstop: NodeJS.Timeout | undefined;
      try {
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => {
            deadline.expire();
            // A step that ignores the signal is not waited for: the caller is not kept waiting.
            backstop = setTimeout(() => resolve('late'), UNWIND_MS);
          }, Math.max(0, deadline.at - performance.now()));
        });
        const response = await Promise.race([route(turn), late]);
        // Whatever a step answers once the deadline has fired, the caller hears the apology.
        if (response === 'late' || deadline.signal.aborted) return overDeadline();
        outcome = turn.outcome;
        return response;
      } catch (error) {
        if (deadline.signal.aborted) return overDeadline();
        logger.error('turn failed', { ...base, event: 'lex.turnError', errorName: error instanceof Error ? error.name : 'unknown' });
        return apologize(turn, 'error');
      } finally {
        clearTimeout(timer);
        clearTimeout(backstop);
      }
    } catch (error) {
      outcome = 'initError';
      logger.error('fulfillment not ready', {
        ...base,
        event: 'lex.initError',
        errorName: error instanceof Error ? error.name : 'unknown',
        // Configuration errors name variables, never values: safe and what the operator needs.
        ...(error instanceof ConfigError ? { errorMessage: error.message } : {}),
      });
      return apologize({ event, attributes: { ...(event.sessionState.sessionAttributes ?? {}) }, speech: wantsSpeech(event), phrases: turnWords(event).phrases, outcome }, 'initError');
    } finally {
      logger.info('turn', { ...base, event: 'lex.turn', outcome, durationMs: Math.round((performance.now() - started) * 100) / 100 });
    }
  };
}

/** When even the event could not be read: close with an apology and send the caller to a person. */
function minimalApology(input: unknown): LexV2Result {
  const raw = (input ?? {}) as {
    inputMode?: unknown;
    requestAttributes?: Record<string, unknown> | null;
    bot?: { localeId?: unknown };
    sessionState?: { intent?: { name?: unknown }; sessionAttributes?: unknown };
  };
  const given = raw.sessionState?.intent?.name;
  // Lex refuses an empty intent name in a response: fall back to an intent every bot has.
  const name = typeof given === 'string' && given.length > 0 ? given : INTENTS.fallback;
  const attributes = raw.sessionState?.sessionAttributes;
  const kept = attributes && typeof attributes === 'object' ? Object.fromEntries(Object.entries(attributes).filter(([, value]) => typeof value === 'string')) : {};
  const localeId = raw.bot?.localeId;
  const phrases = phrasesFor(catalogFor(typeof localeId === 'string' ? localeId : LOCALE_ID));
  const parts = [...phrases.apology(), ...phrases.transfer()];
  return {
    sessionState: {
      // The apology and the intent take well under 2 KB of the response: the rest is the attributes'.
      sessionAttributes: withinLexLimits({ ...kept, [SESSION_ATTRIBUTES.ivrNext]: IVR_NEXT.transfer }, 2048),
      dialogAction: { type: 'Close' },
      intent: { name, state: 'Failed' },
    },
    messages: [wantsSpeech(raw as SpeechHints) ? { contentType: 'SSML', content: toSsml(parts) } : { contentType: 'PlainText', content: toPlainText(parts) }],
  };
}
