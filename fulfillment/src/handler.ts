import { hkdfSync } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LexV2Result } from 'aws-lambda';
import type { CountryCode } from 'libphonenumber-js';
import { DynamoAuditLog, FileAuditLog } from './audit';
import { systemClock } from './clock';
import { ConfigError, type Config } from './config';
import { loadConfigFromAws } from './configSource';
import { INTENTS, IVR_NEXT, SESSION_ATTRIBUTES } from './constants';
import { apologize, newTurn, route } from './dialog/router';
import type { DialogDeps, EpicPort } from './dialog/turn';
import { PHRASES } from './dialog/phrases';
import { createEpicGateway } from './epic';
import { parseLexEvent, wantsSpeech } from './lex/event';
import { toPlainText, toSsml } from './lex/speech';
import { logger } from './logger';
import { DynamoLockoutStore, InMemoryLockoutStore, SessionTokenService } from './session';

/** A Lex V2 code hook: any input in, a valid Lex response out, never a throw. */
export type LexHandler = (event: unknown) => Promise<LexV2Result>;

/**
 * Builds the one handler behind both bots. `deps` is called once (cold start) and its result shared
 * by every turn the container serves; if it fails, each turn apologizes and hands the caller to a
 * person until a new container starts.
 */
export function createHandler(deps: () => Promise<DialogDeps>): LexHandler {
  let ready: Promise<DialogDeps> | undefined;
  return async (input) => {
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
      ready ??= deps();
      const turn = newTurn(event, await ready);
      try {
        const response = await route(turn);
        outcome = turn.outcome;
        return response;
      } catch (error) {
        logger.error('turn failed', { ...base, event: 'lex.turnError', errorName: error instanceof Error ? error.name : 'unknown' });
        return apologize(turn, 'error');
      }
    } catch (error) {
      ready = undefined;
      outcome = 'initError';
      logger.error('fulfillment not ready', {
        ...base,
        event: 'lex.initError',
        errorName: error instanceof Error ? error.name : 'unknown',
        // Configuration errors name variables, never values: safe and what the operator needs.
        ...(error instanceof ConfigError ? { errorMessage: error.message } : {}),
      });
      return apologize({ event, attributes: { ...(event.sessionState.sessionAttributes ?? {}) }, speech: wantsSpeech(event), outcome }, 'initError');
    } finally {
      logger.info('turn', { ...base, event: 'lex.turn', outcome, durationMs: Math.round((performance.now() - started) * 100) / 100 });
    }
  };
}

/** Production dependencies from the environment (see README, Configuration). */
export async function depsFromConfig(config: Config, overrides: { epic?: EpicPort } = {}): Promise<DialogDeps> {
  const dynamo = config.storage.lockoutTable || config.storage.auditTable ? DynamoDBDocumentClient.from(new DynamoDBClient({})) : undefined;
  return {
    epic: overrides.epic ?? createEpicGateway(config),
    sessions: new SessionTokenService({ key: config.session.key, clock: systemClock }),
    lockout:
      config.storage.lockoutTable && dynamo
        ? new DynamoLockoutStore({ client: dynamo, tableName: config.storage.lockoutTable })
        : new InMemoryLockoutStore({ clock: systemClock }),
    // A separate key for lockout hashing, derived so one secret serves both purposes without reuse.
    lockoutSecret: new Uint8Array(hkdfSync('sha256', config.session.key, new Uint8Array(0), 'clinic-ivr lockout key', 32)),
    audit:
      config.storage.auditTable && dynamo
        ? new DynamoAuditLog({ client: dynamo, tableName: config.storage.auditTable })
        : new FileAuditLog({ path: config.storage.auditFile }),
    clock: systemClock,
    searchStrategy: config.epic.patientSearch,
    phoneRegion: config.phoneDefaultRegion as CountryCode,
  };
}

/** When even the event could not be read: close with an apology and send the caller to a person. */
function minimalApology(input: unknown): LexV2Result {
  const raw = (input ?? {}) as {
    inputMode?: unknown;
    requestAttributes?: Record<string, unknown> | null;
    sessionState?: { intent?: { name?: unknown }; sessionAttributes?: unknown };
  };
  const given = raw.sessionState?.intent?.name;
  // Lex refuses an empty intent name in a response: fall back to an intent every bot has.
  const name = typeof given === 'string' && given.length > 0 ? given : INTENTS.fallback;
  const attributes = raw.sessionState?.sessionAttributes;
  const kept = attributes && typeof attributes === 'object' ? Object.fromEntries(Object.entries(attributes).filter(([, value]) => typeof value === 'string')) : {};
  const parts = [...PHRASES.apology(), ...PHRASES.transfer()];
  return {
    sessionState: {
      sessionAttributes: { ...kept, [SESSION_ATTRIBUTES.ivrNext]: IVR_NEXT.transfer },
      dialogAction: { type: 'Close' },
      intent: { name, state: 'Failed' },
    },
    messages: [speaksSsml(raw) ? { contentType: 'SSML', content: toSsml(parts) } : { contentType: 'PlainText', content: toPlainText(parts) }],
  };
}

/** Voice unless the event plainly says text: Connect's accept types, else the input mode. */
function speaksSsml(raw: { inputMode?: unknown; requestAttributes?: Record<string, unknown> | null }): boolean {
  const accept = raw.requestAttributes?.['x-amz-lex:accept-content-types'];
  if (typeof accept === 'string') return accept.includes('SSML');
  return raw.inputMode !== 'Text';
}

/** The Lambda entry point. Configuration is read at cold start, once. */
export const handler: LexHandler = createHandler(async () => depsFromConfig(await loadConfigFromAws()));

