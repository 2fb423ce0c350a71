/**
 * Writes a bot definition as a Lex V2 import zip ("LexJson" format,
 * https://docs.aws.amazon.com/lexv2/latest/dg/import-export-format.html): `manifest.json` at the
 * root, then `<Bot>/Bot.json`, `BotLocales/<locale>/BotLocale.json`, one `Intent.json` per intent
 * with a `Slot.json` per slot, and one `SlotType.json` per custom slot type. The output is
 * deterministic (fixed key and file order, fixed timestamps) so the same definition gives the same bytes.
 */

import { zipSync, strToU8 } from 'fflate';
import type {
  LexBotJson,
  LexBotLocaleJson,
  LexFulfillmentUpdatesJson,
  LexIntentJson,
  LexJsonFile,
  LexManifestJson,
  LexMessageGroupJson,
  LexPromptAttemptJson,
  LexSlotJson,
  LexSlotTypeJson,
} from './lexJson';
import type {
  BotDefinition,
  BotLocaleDefinition,
  FulfillmentUpdatesDefinition,
  IntentDefinition,
  MessageDefinition,
  SlotDefinition,
  SlotTypeDefinition,
} from './types';
import { validateBot } from './validate';

/** The documented manifest of a whole-bot archive. */
export const BOT_MANIFEST: LexManifestJson = {
  metadata: { schemaVersion: '1.0', fileFormat: 'LexJson', resourceType: 'Bot' },
};

/** Text input timeout Lex exports by default; only the console's text test window uses it. */
const TEXT_START_TIMEOUT_MS = 30000;

/**
 * Entry timestamp of every file. Zip (DOS) times are written from local-time parts, so the date is
 * built from local parts at each call: the same bytes in every time zone, whenever it runs.
 */
function zipMtime(): Date {
  return new Date(2020, 0, 1, 12, 0, 0);
}

/** Lex message groups, one per message. */
function messageGroups(messages: readonly MessageDefinition[]): LexMessageGroupJson[] {
  return messages.map((message) => ({
    message: 'text' in message ? { plainTextMessage: { value: message.text } } : { ssmlMessage: { value: message.ssml } },
  }));
}

/** The input settings of one prompt attempt. */
function promptAttempt(slot: SlotDefinition): LexPromptAttemptJson {
  const { input } = slot;
  return {
    allowInterrupt: slot.allowInterrupt,
    allowedInputTypes: { allowAudioInput: input.allowAudioInput, allowDTMFInput: input.allowDtmfInput },
    audioAndDTMFInputSpecification: {
      startTimeoutMs: input.startTimeoutMs,
      audioSpecification: { maxLengthMs: input.audio.maxLengthMs, endTimeoutMs: input.audio.endTimeoutMs },
      ...(input.dtmf === undefined
        ? {}
        : {
            dtmfSpecification: {
              maxLength: input.dtmf.maxLength,
              endTimeoutMs: input.dtmf.endTimeoutMs,
              deletionCharacter: input.dtmf.deletionCharacter,
              endCharacter: input.dtmf.endCharacter,
            },
          }),
    },
    textInputSpecification: { startTimeoutMs: TEXT_START_TIMEOUT_MS },
  };
}

/** Lex names the attempts `Initial`, then `Retry1` … `Retry5`. */
export function promptAttemptNames(maxRetries: number): readonly string[] {
  return ['Initial', ...Array.from({ length: maxRetries }, (_, index) => `Retry${index + 1}`)];
}

/** `Slot.json` of one slot. */
export function slotJson(slot: SlotDefinition): LexSlotJson {
  const attempt = promptAttempt(slot);
  return {
    name: slot.name,
    description: slot.description,
    slotTypeName: slot.slotTypeName,
    obfuscationSetting: { obfuscationSettingType: slot.obfuscated ? 'DefaultObfuscation' : 'None' },
    valueElicitationSetting: {
      slotConstraint: slot.required ? 'Required' : 'Optional',
      promptSpecification: {
        messageGroupsList: messageGroups(slot.prompts),
        maxRetries: slot.maxRetries,
        allowInterrupt: slot.allowInterrupt,
        // Ordered: the first group is the first prompt, the next ones the retries, in turn.
        messageSelectionStrategy: 'Ordered',
        promptAttemptsSpecification: Object.fromEntries(promptAttemptNames(slot.maxRetries).map((name) => [name, attempt])),
      },
      ...(slot.sampleUtterances === undefined
        ? {}
        : { sampleUtterances: slot.sampleUtterances.map((utterance) => ({ utterance })) }),
      ...(slot.codeHookOnEveryAttempt
        ? { slotCaptureSetting: { elicitationCodeHook: { enableCodeHookInvocation: true, invocationLabel: slot.name } } }
        : {}),
    },
  };
}

/** `fulfillmentUpdatesSpecification` of an intent. */
function fulfillmentUpdatesJson(updates: FulfillmentUpdatesDefinition): LexFulfillmentUpdatesJson {
  return {
    active: true,
    startResponse: {
      delayInSeconds: updates.startDelaySeconds,
      messageGroups: messageGroups(updates.startMessages),
      allowInterrupt: updates.allowInterrupt,
    },
    updateResponse: {
      frequencyInSeconds: updates.updateFrequencySeconds,
      messageGroups: messageGroups(updates.updateMessages),
      allowInterrupt: updates.allowInterrupt,
    },
    timeoutInSeconds: updates.timeoutSeconds,
  };
}

/** `Intent.json` of one intent; `slotPriorities` follow the order of its slots. */
export function intentJson(intent: IntentDefinition): LexIntentJson {
  const { updates } = intent.fulfillment;
  return {
    name: intent.name,
    description: intent.description,
    ...(intent.parentIntentSignature === undefined ? {} : { parentIntentSignature: intent.parentIntentSignature }),
    ...(intent.sampleUtterances.length === 0
      ? {}
      : { sampleUtterances: intent.sampleUtterances.map((utterance) => ({ utterance })) }),
    dialogCodeHook: { enabled: intent.dialogCodeHookEnabled },
    fulfillmentCodeHook: {
      enabled: intent.fulfillment.codeHookEnabled,
      isActive: true,
      ...(updates === undefined ? {} : { fulfillmentUpdatesSpecification: fulfillmentUpdatesJson(updates) }),
    },
    slotPriorities: intent.slots.map((slot, index) => ({ priority: index + 1, slotName: slot.name })),
  };
}

/** `SlotType.json` of one custom slot type. */
export function slotTypeJson(type: SlotTypeDefinition): LexSlotTypeJson {
  return {
    name: type.name,
    description: type.description,
    slotTypeValues: type.values.map((value) => ({
      sampleValue: { value: value.value },
      synonyms: value.synonyms.length === 0 ? null : value.synonyms.map((synonym) => ({ value: synonym })),
    })),
    valueSelectionSetting: { resolutionStrategy: type.resolutionStrategy },
  };
}

/** `Bot.json`. */
function botJson(bot: BotDefinition): LexBotJson {
  return {
    name: bot.name,
    version: 'DRAFT',
    description: bot.description,
    dataPrivacy: { childDirected: bot.dataPrivacy.childDirected },
    idleSessionTTLInSeconds: bot.idleSessionTTLInSeconds,
  };
}

/** `BotLocale.json`. */
function botLocaleJson(locale: BotLocaleDefinition): LexBotLocaleJson {
  return {
    name: locale.displayName,
    identifier: locale.localeId,
    description: locale.description,
    voiceSettings: { voiceId: locale.voiceSettings.voiceId, engine: locale.voiceSettings.engine },
    nluConfidenceThreshold: locale.nluConfidenceThreshold,
  };
}

/**
 * Every file of the import zip, path → JSON, in a fixed order. Throws when the definition breaks a
 * Lex rule (see `validateBot`), so a bad bot never reaches an import.
 */
export function buildBotImportFiles(bot: BotDefinition): Readonly<Record<string, LexJsonFile>> {
  const problems = validateBot(bot);
  if (problems.length > 0) throw new Error(`Bot ${bot.name} is not valid for Lex:\n${problems.join('\n')}`);
  const files: Record<string, LexJsonFile> = { 'manifest.json': BOT_MANIFEST, [`${bot.name}/Bot.json`]: botJson(bot) };
  for (const locale of bot.locales) {
    const localeDir = `${bot.name}/BotLocales/${locale.localeId}`;
    files[`${localeDir}/BotLocale.json`] = botLocaleJson(locale);
    for (const intent of locale.intents) {
      const intentDir = `${localeDir}/Intents/${intent.name}`;
      files[`${intentDir}/Intent.json`] = intentJson(intent);
      for (const slot of intent.slots) files[`${intentDir}/Slots/${slot.name}/Slot.json`] = slotJson(slot);
    }
    for (const type of locale.slotTypes) files[`${localeDir}/SlotTypes/${type.name}/SlotType.json`] = slotTypeJson(type);
  }
  return files;
}

/** The import zip of `bot`: byte-identical for identical definitions. */
export function buildBotImportZip(bot: BotDefinition): Uint8Array {
  const files = buildBotImportFiles(bot);
  // Insertion order is fixed by the definition, so the manifest comes first, as in Lex exports.
  const entries = Object.fromEntries(
    Object.entries(files).map(([path, json]) => [path, strToU8(`${JSON.stringify(json, null, 2)}\n`)]),
  );
  return zipSync(entries, { level: 9, mtime: zipMtime() });
}
