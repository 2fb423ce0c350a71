/**
 * "Text me the details" through the real handler: the offer an appointment or refill step appends
 * (`offerText`), then "text me", then the answer to "Shall I send it?".
 */
import { randomUUID } from 'node:crypto';
import type { LexV2Result } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { INTENTS, SESSION_ATTRIBUTES } from '../../contract';
import { createHandler } from '../../fulfillment/dialog/codeHook';
import { newTurn } from '../../fulfillment/dialog/router';
import { offerText, type TextOffer } from '../../fulfillment/dialog/textOffer';
import { isClearYes } from '../../fulfillment/dialog/yesNo';
import type { DialogDeps } from '../../fulfillment/dialog/turn';
import { parseLexEvent, type LexEvent } from '../../fulfillment/lex/event';
import { useLocalRuntime } from '../support/localRuntime';
import { servicesEvent as builtEvent } from '../support/servicesEvent';

const servicesEvent = (intent: string, transcript: string, sessionId: string, attributes: Record<string, string>) => builtEvent({ intent, transcript, sessionId, attributes });

const PATIENT_ID = 'pat-eleanor-whitfield';
const CALLER = '+16085550142';


function lexEvent(raw: Record<string, unknown>): LexEvent {
  const parsed = parseLexEvent(raw);
  if (!parsed.ok) throw new Error('not a Lex event');
  return parsed.event;
}

const spoken = (result: LexV2Result): string => (result.messages ?? []).map((message) => ('content' in message ? (message.content ?? '') : '')).join(' ');
const attributesOf = (result: LexV2Result): Record<string, string> => (result.sessionState.sessionAttributes ?? {}) as Record<string, string>;

describe('text me the details', () => {
  const runtime = useLocalRuntime();

  /** A verified session at the menu, and the attributes after an appointment step offered a text. */
  async function offered(offer: TextOffer, deps: DialogDeps = runtime.deps, callerNumber = CALLER) {
    const sessionId = randomUUID();
    const token = await deps.sessions.issue({ patientId: PATIENT_ID }, { sessionId });
    const attributes = { [SESSION_ATTRIBUTES.sessionToken]: token, [SESSION_ATTRIBUTES.callerNumber]: callerNumber };
    const turn = newTurn(lexEvent(servicesEvent(INTENTS.getMedications, 'my appointments', sessionId, attributes)), deps);
    const claims = await deps.sessions.verify(token, { sessionId });
    const speech = await offerText(turn, claims, offer);
    return { sessionId, attributes: turn.attributes, speech };
  }

  it('offers the text with one sentence and seals the offer, encrypted, for this session', async () => {
    // Act
    const { attributes, speech } = await offered({ kind: 'appointment', startsAt: '2026-12-10T15:30:00Z', addressLine: '55 Elm Street' });
    // Assess
    expect(speech.map((part) => ('text' in part ? part.text : '')).join(' ')).toContain("If you'd like these details by text, say text me.");
    const sealed = attributes[SESSION_ATTRIBUTES.textOffer] ?? '';
    expect(sealed.split('.')).toHaveLength(5);
    expect(sealed).not.toContain('Elm');
  });

  it('offers nothing when texting is off (no origination identity) or the calling number is withheld', async () => {
    // Act
    const off = await offered({ kind: 'requestReceived' }, { ...runtime.deps, texts: undefined });
    const withheld = await offered({ kind: 'requestReceived' }, runtime.deps, 'anonymous');
    // Assess
    expect(off.speech).toEqual([]);
    expect(off.attributes).not.toHaveProperty(SESSION_ATTRIBUTES.textOffer);
    expect(withheld.speech).toEqual([]);
  });

  it('offers nothing for an appointment whose start is not a date-time, rather than failing the answer', async () => {
    // Act
    const { speech, attributes } = await offered({ kind: 'appointment', startsAt: 'next Tuesday' });
    // Assess
    expect(speech).toEqual([]);
    expect(attributes).not.toHaveProperty(SESSION_ATTRIBUTES.textOffer);
  });

  it('texts the appointment once after "text me" and "yes": date, time and the address the step gave, never more', async () => {
    // Prepare
    const { sessionId, attributes } = await offered({ kind: 'appointment', startsAt: '2026-12-10T15:30:00Z', addressLine: '55 Elm Street' });
    const before = runtime.texts.sent.length;
    const handler = createHandler(async () => runtime.deps);
    // Act
    const asked = await handler(servicesEvent(INTENTS.textDetails, 'text me', sessionId, attributes));
    const answered = await handler(servicesEvent(INTENTS.fallback, 'yes please', sessionId, attributesOf(asked)));
    const again = await handler(servicesEvent(INTENTS.textDetails, 'text me', sessionId, attributesOf(answered)));
    // Assess
    expect(spoken(asked)).toContain('ending in 0 1 4 2. Shall I send it?');
    expect(spoken(answered)).toContain('Done. I sent the text.');
    expect(spoken(again)).toContain('I already sent you that text on this call.');
    expect(runtime.texts.sent.slice(before)).toEqual([
      { toLastFour: '0142', body: 'Sandbox Family Clinic: your appointment is on Thursday, December 10, 2026 at 9:30 AM CST, at 55 Elm Street. Reply STOP to opt out.' },
    ]);
  });

  it('does not offer the same details again once they were texted', async () => {
    // Prepare
    const offer: TextOffer = { kind: 'requestReceived' };
    const { sessionId, attributes } = await offered(offer);
    const handler = createHandler(async () => runtime.deps);
    const asked = await handler(servicesEvent(INTENTS.textDetails, 'text me', sessionId, attributes));
    const sent = attributesOf(await handler(servicesEvent(INTENTS.fallback, 'yes', sessionId, attributesOf(asked))));
    const turn = newTurn(lexEvent(servicesEvent(INTENTS.getMedications, 'refill', sessionId, sent)), runtime.deps);
    const claims = await runtime.deps.sessions.verify(sent[SESSION_ATTRIBUTES.sessionToken], { sessionId });
    // Act
    const speech = await offerText(turn, claims, offer);
    // Assess
    expect(speech).toEqual([]);
  });
});

describe('a clear yes', () => {
  it.each(['yes', 'Yes please.', 'yeah', 'sure', 'okay', 'go ahead', 'send it', 'text me'])('takes "%s" as yes', (answer) => {
    expect(isClearYes(answer)).toBe(true);
  });

  it.each(['', 'no', "yes but don't send it", 'maybe', 'not now', 'yes no', 'what', 'okay wait'])('does not take "%s" as yes', (answer) => {
    expect(isClearYes(answer)).toBe(false);
  });
});
