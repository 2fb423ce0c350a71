/**
 * The dialog speaks the locale of the turn: `bot.localeId` picks the prompt catalog the turn's
 * phrases are built from; a locale with no catalog speaks the default's and logs the locale id.
 * Proven without a second real catalog: a test catalog is EN_US with one word changed.
 */
import { randomUUID } from 'node:crypto';
import type { LexV2Result } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BOT_NAMES, INTENTS, isLocaleId, LOCALE_ID, LOCALE_IDS } from '../../contract';
import { phrasesFor } from '../../fulfillment/dialog/phrases';
import { say } from '../../fulfillment/lex/speech';
import { logger } from '../../fulfillment/runtime/logger';
import { catalogFor, CATALOGS, EN_US, type PromptCatalog } from '../../prompts';
import { useLocalRuntime } from '../support/localRuntime';

function servicesEvent(intent: string, localeId: string): Record<string, unknown> {
  const current = { name: intent, slots: {}, state: 'ReadyForFulfillment', confirmationState: 'None' };
  return {
    messageVersion: '1.0',
    invocationSource: 'FulfillmentCodeHook',
    inputMode: 'Text',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: randomUUID(),
    inputTranscript: 'goodbye',
    bot: { id: 'SRV1234567', name: BOT_NAMES.patientServices, localeId, version: '3', aliasId: 'LIVESRV001', aliasName: 'live' },
    interpretations: [{ intent: current, interpretationSource: 'Lex' }],
    requestAttributes: { 'x-amz-lex:accept-content-types': 'PlainText' },
    sessionState: { sessionAttributes: {}, intent: current },
  };
}

const spoken = (result: LexV2Result): string => (result.messages ?? []).map((message) => ('content' in message ? (message.content ?? '') : '')).join(' ');

describe('the locales the dialog speaks', () => {
  it('knows each locale id it has a catalog for, and the default among them', () => {
    // Act
    const known = LOCALE_IDS.filter(isLocaleId);
    // Assess
    expect(known).toEqual([...LOCALE_IDS]);
    expect(LOCALE_IDS).toContain(LOCALE_ID);
    expect(Object.keys(CATALOGS).sort()).toEqual([...LOCALE_IDS].sort());
    expect(isLocaleId('fr_CA')).toBe(false);
    expect(isLocaleId('toString')).toBe(false);
  });

  it("gives an unknown locale id the default locale's catalog", () => {
    // Act
    const catalogs = ['fr_CA', '', 'constructor'].map(catalogFor);
    // Assess
    for (const catalog of catalogs) expect(catalog).toBe(CATALOGS[LOCALE_ID]);
    expect(catalogFor(LOCALE_ID)).toBe(CATALOGS[LOCALE_ID]);
  });
});

describe('phrases built from a catalog', () => {
  it("speak that catalog's words", () => {
    // Prepare: EN_US with one word changed.
    const changed: PromptCatalog = { ...EN_US, menu: { ...EN_US.menu, goodbye: 'So long, and take care.' } };
    // Act
    const goodbye = phrasesFor(changed).goodbye();
    const defaultGoodbye = phrasesFor(EN_US).goodbye();
    // Assess
    expect(goodbye).toEqual([say('So long, and take care.')]);
    expect(defaultGoodbye).toEqual([say(EN_US.menu.goodbye)]);
    expect(phrasesFor(changed).transfer()).toEqual(phrasesFor(EN_US).transfer());
  });

  it('are built once per catalog', () => {
    // Act
    const first = phrasesFor(EN_US);
    const second = phrasesFor(EN_US);
    // Assess
    expect(second).toBe(first);
  });
});

describe('a turn in a locale with no catalog', () => {
  const runtime = useLocalRuntime();

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("speaks the default locale's words and logs the locale id only", async () => {
    // Prepare
    const warn = vi.spyOn(logger, 'warn');
    // Act
    const unknown = await runtime.handler(servicesEvent(INTENTS.goodbye, 'fr_CA'));
    const warnings = warn.mock.calls.map((call) => call[1] as Record<string, unknown> | undefined);
    const known = await runtime.handler(servicesEvent(INTENTS.goodbye, LOCALE_ID));
    // Assess
    expect(spoken(unknown)).toBe(EN_US.menu.goodbye);
    expect(spoken(unknown)).toBe(spoken(known));
    // Exactly these fields: the locale id and what was spoken instead, never the transcript.
    expect(warnings).toContainEqual({ event: 'lex.unknownLocale', localeId: 'fr_CA', spoken: LOCALE_ID });
  });

  it('logs nothing about the locale when the turn is in a known one', async () => {
    // Prepare
    const warn = vi.spyOn(logger, 'warn');
    // Act
    await runtime.handler(servicesEvent(INTENTS.goodbye, LOCALE_ID));
    // Assess
    expect(warn.mock.calls.filter((call) => (call[1] as { event?: unknown } | undefined)?.event === 'lex.unknownLocale')).toEqual([]);
  });
});
