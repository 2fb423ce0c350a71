/**
 * A PatientServices fulfillment event as Lex V2 sends the code hook, for dialog tests that build
 * turns by hand (the fixtures in test/fixtures/lex are the full, recorded-shape events).
 */
import { BOT_NAMES, LOCALE_ID } from '../../contract';

/** What varies between the hand-built turns. */
export interface ServicesTurn {
  readonly intent: string;
  readonly sessionId: string;
  readonly attributes: Record<string, string>;
  /** What the caller said. */
  readonly transcript: string;
  /** Speech in and SSML out; by default text in and out, so assertions read plain sentences. */
  readonly voice?: boolean;
  /** @default LOCALE_ID */
  readonly localeId?: string;
}

/** The event of one PatientServices turn whose intent is ready for fulfillment. */
export function servicesEvent(turn: ServicesTurn): Record<string, unknown> {
  const current = { name: turn.intent, slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' };
  return {
    messageVersion: '1.0',
    invocationSource: 'FulfillmentCodeHook',
    inputMode: turn.voice ? 'Speech' : 'Text',
    responseContentType: turn.voice ? 'audio/pcm' : 'text/plain; charset=utf-8',
    sessionId: turn.sessionId,
    inputTranscript: turn.transcript,
    bot: { id: 'SRV1234567', name: BOT_NAMES.patientServices, localeId: turn.localeId ?? LOCALE_ID, version: '3', aliasId: 'LIVESRV001', aliasName: 'live' },
    interpretations: [{ intent: current, interpretationSource: 'Lex' }],
    requestAttributes: { 'x-amz-lex:accept-content-types': turn.voice ? 'PlainText,SSML' : 'PlainText' },
    sessionState: { sessionAttributes: turn.attributes, intent: current },
  };
}
