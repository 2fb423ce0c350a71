/**
 * The interpreter's language blocks (issue 18): `UpdateContactTextToSpeechVoice` ("Set voice") and
 * `UpdateContactData` with `LanguageCode`, and a Lex block that runs the bot locale of the contact's
 * language, one Lex session per locale.
 */
import { describe, expect, it } from 'vitest';
import { runFlow, type LexConversation, type LocalLexBot } from '../../../sandbox/simulator/connect';
import { recorder, scriptOf } from '../../support/callRecorder';

/** A flow document of `actions`, starting at the first. */
function flowOf(...actions: object[]): string {
  const first = actions[0] as { Identifier: string };
  return JSON.stringify({ Version: '2019-10-30', StartAction: first.Identifier, Actions: actions });
}

/** An action that goes to `next` (its catch-all error too). */
function action(id: string, type: string, parameters: object, next: string): object {
  return { Identifier: id, Type: type, Parameters: parameters, Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: next }] } };
}

const hangUp = { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} };

/** A bot that answers in the locale its session was opened in, and records each opening. */
function localeBot(): LocalLexBot & { opened: string[] } {
  const opened: string[] = [];
  return {
    name: 'Polyglot',
    opened,
    open: (_sessionId, localeId): LexConversation => {
      opened.push(localeId);
      const conversation: LexConversation = {
        attributes: {},
        say: async () => ({ spoken: [`(${localeId})`], decisions: ['Close'], closed: 'Fulfilled', intent: 'Hello' }),
      };
      return conversation;
    },
  };
}

describe('flow interpreter: language blocks', () => {
  it('sets the voice with UpdateContactTextToSpeechVoice and traces it', async () => {
    // Prepare
    const print = recorder();
    const flow = flowOf(action('voice', 'UpdateContactTextToSpeechVoice', { TextToSpeechVoice: 'Lupe', TextToSpeechEngine: 'Neural' }, 'end'), hangUp);
    // Act
    const result = await runFlow({ flow, contact: { contactId: 'c-1', customerNumber: '+16085550142' }, lines: scriptOf([]), print });
    // Assess
    expect(result.contact.voice).toBe('Lupe/Neural');
    expect(print.traces).toContain('flow: voice: voice Lupe/Neural');
  });

  it('sets the contact language ($.LanguageCode) with UpdateContactData, which later blocks read', async () => {
    // Prepare
    const print = recorder();
    const flow = flowOf(
      action('language', 'UpdateContactData', { LanguageCode: 'es-US', TargetContact: 'Current' }, 'say'),
      action('say', 'MessageParticipant', { Text: 'Idioma: $.LanguageCode' }, 'end'),
      hangUp,
    );
    // Act
    const result = await runFlow({ flow, contact: { contactId: 'c-1', customerNumber: '+16085550142' }, lines: scriptOf([]), print });
    // Assess
    expect(result.contact.languageCode).toBe('es-US');
    expect(print.heard).toEqual(['Idioma: es-US']);
  });

  it('takes the error branch and keeps the language when UpdateContactData targets a related contact', async () => {
    // Prepare: the error branch says the language it finds.
    const print = recorder();
    const failing = {
      Identifier: 'language',
      Type: 'UpdateContactData',
      Parameters: { LanguageCode: 'es-US', TargetContact: 'Related' },
      Transitions: { NextAction: 'end', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'say' }] },
    };
    const flow = flowOf(failing, action('say', 'MessageParticipant', { Text: 'Language: $.LanguageCode' }, 'end'), hangUp);
    // Act
    const result = await runFlow({ flow, contact: { contactId: 'c-1', customerNumber: '+16085550142' }, lines: scriptOf([]), print });
    // Assess
    expect(result.contact.languageCode).toBe('en-US');
    expect(print.heard).toEqual(['Language: en-US']);
  });

  it('runs a Lex block in the locale of the contact language, a new Lex session when the language changes', async () => {
    // Prepare
    const print = recorder();
    const bot = localeBot();
    const lex = (id: string, next: string) => action(id, 'ConnectParticipantWithLexBot', { LexV2Bot: { AliasArn: 'arn:local:bot' } }, next);
    const flow = flowOf(lex('first', 'language'), action('language', 'UpdateContactData', { LanguageCode: 'es-US', TargetContact: 'Current' }, 'second'), lex('second', 'third'), lex('third', 'end'), hangUp);
    // Act
    await runFlow({ flow, contact: { contactId: 'c-1', customerNumber: '+16085550142' }, lines: scriptOf(['hello', 'hola', 'hola otra vez']), print, bots: { 'arn:local:bot': bot } });
    // Assess
    expect(bot.opened).toEqual(['en_US', 'es_US']);
    expect(print.heard).toEqual(['(en_US)', '(es_US)', '(es_US)']);
  });

  it('keeps the default locale for a contact language no bot locale speaks', async () => {
    // Prepare
    const bot = localeBot();
    const flow = flowOf(action('first', 'ConnectParticipantWithLexBot', { LexV2Bot: { AliasArn: 'arn:local:bot' } }, 'end'), hangUp);
    // Act
    await runFlow({ flow, contact: { contactId: 'c-1', customerNumber: '+16085550142', languageCode: 'fr-CA' }, lines: scriptOf(['bonjour']), print: recorder(), bots: { 'arn:local:bot': bot } });
    // Assess
    expect(bot.opened).toEqual(['en_US']);
  });
});
