import { TranslateClient, TranslateTextCommand } from '@aws-sdk/client-translate';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import {
  AMAZON_TRANSLATE_LABEL,
  AmazonTranslateTranslator,
  LOCAL_STAND_IN_LABEL,
  LocalGlossaryTranslator,
  TRANSLATE_TEXT_MAX_BYTES,
  TranslationError,
  TranslationThrottledError,
} from '../../fulfillment/translation';
import { FakeClock } from '../support/fakeClock';

const translate = mockClient(TranslateClient);
const translator = (maxRetries = 2) => new AmazonTranslateTranslator({ client: new TranslateClient({ region: 'us-east-1' }), maxRetries, clock: new FakeClock(), random: () => 0.5 });
const throttled = () => Object.assign(new Error('slow down'), { name: 'ThrottlingException' });

afterEach(() => {
  translate.reset();
});

describe('Amazon Translate translator', () => {
  it('translates Spanish to English with TranslateText and labels it as machine translation', async () => {
    // Prepare
    translate.on(TranslateTextCommand).resolves({ TranslatedText: 'I have chest pain.', SourceLanguageCode: 'es', TargetLanguageCode: 'en' });
    // Act
    const translation = await translator().translate('Tengo dolor de pecho.', 'es');
    // Assess
    expect(translate).toHaveReceivedCommandWith(TranslateTextCommand, { Text: 'Tengo dolor de pecho.', SourceLanguageCode: 'es', TargetLanguageCode: 'en' });
    expect(translation).toEqual({ text: 'I have chest pain.', engine: 'amazon-translate', label: AMAZON_TRANSLATE_LABEL });
  });

  it('sends a long message in pieces under the 10,000-byte limit, cut at sentence ends, and joins the answers', async () => {
    // Prepare: 2-byte characters, so the limit is met in bytes before characters.
    const sentence = 'El niño tiene fiebre alta y está muy cansado desde el lunes. ';
    const message = sentence.repeat(300);
    translate.on(TranslateTextCommand).callsFake((input: { Text: string }) => ({ TranslatedText: `[${input.Text.length}]` }));
    // Act
    const translation = await translator().translate(message, 'es');
    // Assess
    const sent = translate.commandCalls(TranslateTextCommand).map((call) => call.args[0].input.Text as string);
    expect(sent.length).toBeGreaterThan(1);
    for (const text of sent) {
      expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(TRANSLATE_TEXT_MAX_BYTES);
      expect(text.endsWith('lunes.')).toBe(true);
    }
    expect(translation.text).toBe(sent.map((text) => `[${text.length}]`).join(' '));
  });

  it('retries throttling a bounded number of times, then names it', async () => {
    // Prepare
    translate.on(TranslateTextCommand).rejectsOnce(throttled()).resolvesOnce({ TranslatedText: 'fever' });
    // Act
    const recovered = await translator().translate('fiebre', 'es');
    translate.reset();
    translate.on(TranslateTextCommand).rejects(throttled());
    const given = translator(2).translate('fiebre', 'es');
    // Assess
    expect(recovered.text).toBe('fever');
    await expect(given).rejects.toThrow(TranslationThrottledError);
    expect(translate).toHaveReceivedCommandTimes(TranslateTextCommand, 3);
  });

  it('does not retry a refusal, and never quotes the text in the error', async () => {
    // Prepare
    translate.on(TranslateTextCommand).rejects(Object.assign(new Error('Tengo dolor de pecho is bad'), { name: 'UnsupportedLanguagePairException' }));
    // Act
    const failed = translator().translate('Tengo dolor de pecho', 'es');
    // Assess
    await expect(failed).rejects.toThrow(TranslationError);
    await expect(failed).rejects.toThrow('Amazon Translate TranslateText failed (UnsupportedLanguagePairException) after 1 attempt(s)');
    expect(translate).toHaveReceivedCommandTimes(TranslateTextCommand, 1);
  });
});

describe('local stand-in translator', () => {
  it('says it is a stand-in and puts the glossary\'s symptom words in English', async () => {
    // Act
    const translation = await new LocalGlossaryTranslator().translate('Tengo fiebre y tos desde ayer, pero no tengo dolor de pecho.', 'es');
    // Assess
    expect(translation).toEqual({ text: "I have fever and cough since yesterday, but I don't have chest pain.", engine: 'local-stand-in', label: LOCAL_STAND_IN_LABEL });
    expect(translation.label).toMatch(/stand-in/);
  });
});
