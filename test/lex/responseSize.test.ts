/**
 * What the handler sends back must fit what Lex accepts, whatever the flow or another bot put into
 * the session: attributes the handler does not own are dropped, largest first, and named in the log;
 * its own attributes are never dropped.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BOT_NAMES, INTENTS, SESSION_ATTRIBUTES } from '../../contract';
import { MAX_RESPONSE_BYTES, MAX_SESSION_ATTRIBUTES_BYTES } from '../../fulfillment/lex/response';
import { logger } from '../../fulfillment/runtime/logger';
import { expectValidLexResponse } from '../support/lexResponseSchema';
import { useLocalRuntime } from '../support/localRuntime';

function helpEvent(sessionId: string, attributes: Record<string, string>): Record<string, unknown> {
  const intent = { name: INTENTS.help, slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' };
  return {
    messageVersion: '1.0',
    invocationSource: 'FulfillmentCodeHook',
    inputMode: 'Speech',
    responseContentType: 'audio/pcm',
    sessionId,
    inputTranscript: 'help',
    bot: { id: 'SRV1234567', name: BOT_NAMES.patientServices, localeId: 'en_US', version: '3', aliasId: 'LIVESRV001', aliasName: 'live' },
    interpretations: [{ intent, interpretationSource: 'Lex' }],
    requestAttributes: { 'x-amz-lex:accept-content-types': 'PlainText,SSML' },
    sessionState: { sessionAttributes: attributes, intent },
  };
}

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value));

describe('response size', () => {
  const runtime = useLocalRuntime();
  afterEach(() => vi.restoreAllMocks());

  it('drops an unrelated 100 KB attribute, largest first, keeps its own, and logs the name only', async () => {
    // Prepare
    const sessionId = randomUUID();
    const token = await runtime.deps.sessions.issue({ patientId: 'pat-eleanor-whitfield' }, { sessionId });
    const huge = 'secret-value-'.repeat(8_000);
    const attributes = {
      [SESSION_ATTRIBUTES.sessionToken]: token,
      [SESSION_ATTRIBUTES.callerNumber]: '+16085550142',
      'x-amz-lex:allow-interrupt:*:*': 'true',
      crmNotes: huge,
      campaign: 'spring',
    };
    const warn = vi.spyOn(logger, 'warn');
    // Act
    const response = await runtime.handler(helpEvent(sessionId, attributes));
    // Assess
    expectValidLexResponse(response);
    const sent = response.sessionState.sessionAttributes ?? {};
    expect(sent).not.toHaveProperty('crmNotes');
    expect(sent).toMatchObject({ [SESSION_ATTRIBUTES.sessionToken]: token, [SESSION_ATTRIBUTES.callerNumber]: '+16085550142', campaign: 'spring', 'x-amz-lex:allow-interrupt:*:*': 'true' });
    expect(bytes(sent)).toBeLessThanOrEqual(MAX_SESSION_ATTRIBUTES_BYTES);
    expect(bytes(response)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain('crmNotes');
    expect(logged).not.toContain('secret-value');
  });

  it('drops only as much as it must, largest first', async () => {
    // Prepare: two attributes that fit together with the handler's own, and one that does not.
    const sessionId = randomUUID();
    const attributes = { big: 'b'.repeat(MAX_SESSION_ATTRIBUTES_BYTES), medium: 'm'.repeat(4_000), small: 's'.repeat(100) };
    // Act
    const response = await runtime.handler(helpEvent(sessionId, attributes));
    // Assess
    const sent = response.sessionState.sessionAttributes ?? {};
    expect(Object.keys(sent)).not.toContain('big');
    expect(sent).toMatchObject({ medium: attributes.medium, small: attributes.small });
  });

  it('never drops an attribute it owns, even when it alone is over the budget', async () => {
    // Prepare: an attribute of the handler's own over the budget, and a small one of someone else's.
    const sessionId = randomUUID();
    const attributes = { [SESSION_ATTRIBUTES.lastPrompt]: 'p'.repeat(MAX_SESSION_ATTRIBUTES_BYTES), other: 'o' };
    // Act
    const response = await runtime.handler(helpEvent(sessionId, attributes));
    // Assess
    const sent = response.sessionState.sessionAttributes ?? {};
    expect(sent[SESSION_ATTRIBUTES.lastPrompt]).toBe(attributes[SESSION_ATTRIBUTES.lastPrompt]);
    expect(sent).not.toHaveProperty('other');
  });

  it('keeps the apology to an unreadable event within the limits too', async () => {
    // Prepare: an event Lex could never send (no invocation source), carrying a 100 KB attribute.
    const event = helpEvent(randomUUID(), { crmNotes: 'n'.repeat(100_000), campaign: 'spring' });
    delete event.invocationSource;
    // Act
    const response = await runtime.handler(event);
    // Assess
    const sent = response.sessionState.sessionAttributes ?? {};
    expect(sent).not.toHaveProperty('crmNotes');
    expect(sent).toMatchObject({ campaign: 'spring', [SESSION_ATTRIBUTES.ivrNext]: 'transfer' });
    expect(bytes(response)).toBeLessThanOrEqual(MAX_RESPONSE_BYTES);
  });
});
