/**
 * The language choice at the very start of patient-ivr (issue 18): the greeting offers the other
 * language in that language, a key switches the voice, the contact's language (which picks the bots'
 * Lex locale) and every later prompt; the line's default language is a deployment setting.
 */
import { describe, expect, it } from 'vitest';
import { EN_US_BOT, ES_US_BOT } from '../../bots/locales';
import { ContactFlowRenderError, FLOWS, renderContactFlow, validateContactFlow, type FlowSettings } from '../../contact-flows/render';
import type { FlowAction, FlowDocument } from '../../contact-flows/schema';
import { CONTACT_LANGUAGES, ES_LOCALE_ID, INTENTS, LANGUAGE_KEYS, LOCALE_ID } from '../../contract';
import { CATALOGS, plainText } from '../../prompts';

const ARNS = {
  PatientAuthBotAliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDEFGHIJ/TSTALIASID',
  PatientServicesBotAliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/KLMNOPQRST/TSTALIASID',
  TransferQueueArn: 'arn:aws:connect:us-east-1:111122223333:instance/i/queue/q1',
  SymptomCaptureFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:capture',
  SchedulingQueueArn: 'arn:aws:connect:us-east-1:111122223333:instance/i/queue/q2',
  UrgentQueueArn: 'arn:aws:connect:us-east-1:111122223333:instance/i/queue/q3',
} as const;

function rendered(settings: FlowSettings = {}): { json: string; flow: FlowDocument } {
  const json = renderContactFlow(FLOWS.patientIvr, ARNS, settings);
  return { json, flow: JSON.parse(json) as FlowDocument };
}

function byId(flow: FlowDocument, id: string): FlowAction {
  const found = flow.Actions.find((action) => action.Identifier === id);
  if (!found) throw new Error(`no action ${id}`);
  return found;
}

/** The actions a key at `input` leads through, up to (not including) `stop`, following NextAction. */
function pathOf(flow: FlowDocument, input: FlowAction, key: string, stop: string): FlowAction[] {
  const first = input.Transitions?.Conditions?.find((condition) => condition.Condition.Operands.includes(key))?.NextAction;
  const path: FlowAction[] = [];
  for (let id = first; id !== undefined && id !== stop && path.length < 20; id = byId(flow, id).Transitions?.NextAction) path.push(byId(flow, id));
  return path;
}

describe('patient-ivr: the language of the call', () => {
  it('greets an English line in English and offers Spanish in Spanish, inside an SSML lang tag', () => {
    // Act
    const greeting = byId(rendered().flow, 'greeting');
    // Assess
    expect(greeting.Type).toBe('GetParticipantInput');
    const ssml = String(greeting.Parameters?.['SSML']);
    expect(ssml).toBe(`<speak>${CATALOGS[LOCALE_ID].flow.greeting} <lang xml:lang="es-US">${plainText(CATALOGS[ES_LOCALE_ID].flow.offerLanguage(LANGUAGE_KEYS.es_US))}</lang></speak>`);
    expect(ssml).toContain(`oprima ${LANGUAGE_KEYS.es_US}`);
  });

  it('on 2 sets the Spanish neural voice of the bots, then the contact language es-US, then the Spanish words, then verifies', () => {
    // Prepare
    const { flow } = rendered();
    // Act
    const path = pathOf(flow, byId(flow, 'greeting'), LANGUAGE_KEYS.es_US, 'auth-bot');
    // Assess
    expect(path.map((action) => action.Type)).toEqual(['UpdateContactTextToSpeechVoice', 'UpdateContactData', 'UpdateFlowAttributes']);
    expect(path[0]?.Parameters).toEqual({ TextToSpeechVoice: ES_US_BOT.voiceSettings.voiceId, TextToSpeechEngine: 'Neural' });
    expect(ES_US_BOT.voiceSettings.engine).toBe('neural');
    expect(path[1]?.Parameters).toEqual({ LanguageCode: CONTACT_LANGUAGES.es_US, TargetContact: 'Current' });
    expect(path[2]?.Identifier).toBe('words-es-US');
    expect(path[2]?.Transitions?.NextAction).toBe('auth-bot');
  });

  it('switches to Spanish when PatientAuth closes on ChooseSpanish ("español" said to the bot), before reading authResult', () => {
    // Prepare
    const { flow } = rendered();
    const auth = byId(flow, 'auth-bot');
    // Act
    const check = byId(flow, auth.Transitions?.NextAction ?? '');
    // Assess
    expect(check.Parameters).toEqual({ ComparisonValue: '$.Lex.IntentName' });
    expect(check.Transitions?.Conditions).toEqual([{ NextAction: 'voice-es', Condition: { Operator: 'Equals', Operands: [INTENTS.chooseSpanish] } }]);
    expect(check.Transitions?.NextAction).toBe('check-auth-result');
    expect(auth.Transitions?.Errors?.find((error) => error.ErrorType === 'NoMatchingCondition')?.NextAction).toBe(check.Identifier);
  });

  it('lets every other answer at the greeting (silence, another key, an error) go on in English, and waits at most 5 seconds', () => {
    // Prepare
    const greeting = byId(rendered().flow, 'greeting');
    // Act
    const elsewhere = new Set([greeting.Transitions?.NextAction, ...(greeting.Transitions?.Errors ?? []).map((error) => error.NextAction)]);
    // Assess
    expect([...elsewhere]).toEqual(['words-en-US']);
    expect((greeting.Transitions?.Errors ?? []).map((error) => error.ErrorType).sort()).toEqual(['InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError']);
    expect(Number(greeting.Parameters?.['InputTimeLimitSeconds'])).toBeLessThanOrEqual(5);
  });

  it('starts a Spanish line (defaultLanguage es-US) in Spanish: voice and language first, a Spanish greeting offering English in English', () => {
    // Prepare
    const { flow } = rendered({ defaultLanguage: 'es-US' });
    const check = byId(flow, 'check-line-language');
    // Act
    const start = pathOf(flow, check, CONTACT_LANGUAGES.es_US, 'greeting-es');
    const toEnglish = pathOf(flow, byId(flow, 'greeting-es'), LANGUAGE_KEYS.en_US, 'auth-bot');
    // Assess
    expect(byId(flow, 'line-language').Parameters?.['FlowAttributes']).toEqual({ lineLanguage: { Value: 'es-US' } });
    expect(start.map((action) => action.Parameters)).toEqual([{ TextToSpeechVoice: 'Lupe', TextToSpeechEngine: 'Neural' }, { LanguageCode: 'es-US', TargetContact: 'Current' }]);
    expect(String(byId(flow, 'greeting-es').Parameters?.['SSML'])).toBe(
      `<speak>${CATALOGS[ES_LOCALE_ID].flow.greeting} <lang xml:lang="en-US">${plainText(CATALOGS[LOCALE_ID].flow.offerLanguage(LANGUAGE_KEYS.en_US))}</lang></speak>`,
    );
    expect(toEnglish.map((action) => action.Parameters)).toEqual([
      { TextToSpeechVoice: EN_US_BOT.voiceSettings.voiceId, TextToSpeechEngine: 'Neural' },
      { LanguageCode: 'en-US', TargetContact: 'Current' },
      expect.objectContaining({ FlowAttributes: expect.any(Object) }),
    ]);
    expect(byId(flow, 'greeting-es').Transitions?.NextAction).toBe('words-es-US');
  });

  it('renders the line language en-US by default, and passes the validator in both languages', () => {
    // Act
    const english = rendered();
    const spanish = rendered({ defaultLanguage: 'es-US' });
    // Assess
    expect(byId(english.flow, 'line-language').Parameters?.['FlowAttributes']).toEqual({ lineLanguage: { Value: 'en-US' } });
    expect(validateContactFlow(english.json)).toEqual([]);
    expect(validateContactFlow(spanish.json)).toEqual([]);
  });

  it('refuses a default language no bot locale speaks', () => {
    // Act
    const render = () => renderContactFlow(FLOWS.patientIvr, ARNS, { defaultLanguage: 'fr-CA' as never });
    // Assess
    expect(render).toThrow(ContactFlowRenderError);
    expect(render).toThrow(/defaultLanguage must be one of en-US, es-US/);
  });

  it('falls back to English if the Spanish voice or language cannot be set, so the caller never hears a mix', () => {
    // Prepare
    const { flow } = rendered();
    // Act
    const onError = (id: string) => byId(flow, id).Transitions?.Errors?.find((error) => error.ErrorType === 'NoMatchingError')?.NextAction;
    // Assess
    expect(onError('voice-es')).toBe('words-en-US');
    expect(onError('language-es')).toBe('voice-en');
    expect(onError('line-language-es')).toBe('voice-en');
  });
});
