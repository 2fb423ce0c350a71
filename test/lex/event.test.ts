import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLexEvent, type LexEvent } from '../../fulfillment/lex/event';

type Json = Record<string, unknown>;

function minimalEvent(overrides: Json = {}): Json {
  return {
    invocationSource: 'DialogCodeHook',
    inputMode: 'Speech',
    sessionId: 'contact-1',
    inputTranscript: 'my medications',
    bot: { name: 'PatientServices', localeId: 'en_US' },
    sessionState: { intent: { name: 'GetMedications', slots: {}, state: 'InProgress' }, sessionAttributes: { callerNumber: '+16085550142' } },
    ...overrides,
  };
}

function parsed(input: unknown): LexEvent {
  const result = parseLexEvent(input);
  if (!result.ok) throw new Error(`not parsed: ${result.problems.join(', ')}`);
  return result.event;
}

function problemsOf(input: unknown): string[] {
  const result = parseLexEvent(input);
  return result.ok ? [] : result.problems;
}

describe('parseLexEvent', () => {
  it('reads every recorded fixture event', () => {
    // Prepare
    const directory = new URL('../fixtures/lex/', import.meta.url);
    const events = readdirSync(directory)
      .filter((name) => name.endsWith('.json'))
      .map((name) => (JSON.parse(readFileSync(new URL(name, directory), 'utf8')) as { event: unknown }).event);

    // Act
    const refused = events.filter((event) => !parseLexEvent(event).ok);

    // Assess
    expect(events.length).toBeGreaterThan(100);
    expect(refused).toEqual([]);
  });

  it('fills what Lex may leave out: text input mode, content type, transcript, locale, slots, interpretations', () => {
    // Prepare
    const input = minimalEvent({ inputMode: 'Telepathy', inputTranscript: null, bot: { name: 'PatientAuth' }, sessionState: { intent: { name: 'VerifyIdentity' } } });

    // Act
    const event = parsed(input);

    // Assess
    expect(event).toMatchObject({
      inputMode: 'Text',
      responseContentType: 'text/plain; charset=utf-8',
      inputTranscript: '',
      bot: { name: 'PatientAuth', localeId: 'en_US' },
      interpretations: [],
      sessionState: { intent: { name: 'VerifyIdentity', slots: {} } },
    });
  });

  it('keeps the fields it does not check, as AWS sent them', () => {
    // Prepare
    const input = minimalEvent({ rawInputTranscript: 'my medications', transcriptions: [{ transcription: 'my medications', transcriptionConfidence: 0.9 }] });

    // Act
    const event = parsed(input);

    // Assess
    expect(event.rawInputTranscript).toBe('my medications');
    expect(event.transcriptions).toBe(input.transcriptions);
  });

  it('gives the handler its own slots to fill: the event it was given stays as it was', () => {
    // Prepare
    const slots = { BirthDate: null };
    const input = minimalEvent({ sessionState: { intent: { name: 'VerifyIdentity', slots } } });

    // Act
    const event = parsed(input);
    event.sessionState.intent.slots.BirthDate = { shape: 'Scalar', value: { originalValue: '03141948', interpretedValue: '1948-03-14', resolvedValues: ['1948-03-14'] } };

    // Assess
    expect(slots).toEqual({ BirthDate: null });
  });

  it.each([
    ['no session id', { sessionId: '' }, ['sessionId']],
    ['a session id over 256 characters', { sessionId: 'x'.repeat(257) }, ['sessionId']],
    ['an unknown invocation source', { invocationSource: 'Other' }, ['invocationSource']],
    ['a transcript over 10,000 characters', { inputTranscript: 'a'.repeat(10_001) }, ['inputTranscript']],
    ['a bot without a name', { bot: { localeId: 'en_US' } }, ['bot.name']],
    ['a session attribute that is not a string', { sessionState: { intent: { name: 'Help' }, sessionAttributes: { attempts: 3 } } }, ['sessionState.sessionAttributes.attempts']],
    ['an intent without a name', { sessionState: { intent: { slots: {} } } }, ['sessionState.intent.name']],
    ['no intent', { sessionState: {} }, ['sessionState.intent']],
    ['a slot value that is not text', { sessionState: { intent: { name: 'VerifyIdentity', slots: { Gender: { value: { interpretedValue: 7 } } } } } }, ['sessionState.intent.slots.Gender.value.interpretedValue']],
    ['resolved values that are not strings', { sessionState: { intent: { name: 'VerifyIdentity', slots: { Gender: { value: { resolvedValues: [1] } } } } } }, ['sessionState.intent.slots.Gender.value.resolvedValues']],
    ['a dialog action without a type', { sessionState: { intent: { name: 'Help' }, dialogAction: { slotToElicit: 'BirthDate' } } }, ['sessionState.dialogAction.type']],
    ['an interpretation confidence that is not a number', { interpretations: [{ intent: { name: 'Help' }, nluConfidence: 'high' }] }, ['interpretations.0.nluConfidence']],
    ['a request attribute that is not a string', { requestAttributes: { 'x-amz-lex:accept-content-types': ['SSML'] } }, ['requestAttributes.x-amz-lex:accept-content-types']],
  ])('refuses %s, naming the field and never its value', (_, overrides, expected) => {
    expect(problemsOf(minimalEvent(overrides))).toEqual(expected);
  });

  it.each([null, 'event', 42, [minimalEvent()]])('refuses %j as a whole', (input) => {
    expect(problemsOf(input)).toEqual(['(root)']);
  });

  it('takes no slot named __proto__, which would change the slots object itself', () => {
    // Prepare: as JSON.parse reads it, an own property.
    const input = JSON.parse(JSON.stringify(minimalEvent()).replace('"slots":{}', '"slots":{"__proto__":{"value":{"interpretedValue":"x"}}}')) as Json;

    // Act
    const event = parsed(input);

    // Assess
    expect(Object.getPrototypeOf(event.sessionState.intent.slots)).toBe(Object.prototype);
    expect(Object.keys(event.sessionState.intent.slots)).toEqual([]);
  });
});
