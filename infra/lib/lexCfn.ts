/**
 * Bot definitions (`bots/`) as CloudFormation `AWS::Lex::Bot` properties.
 *
 * One mapping, not two: intents, slots and slot types are taken from the import-zip writer
 * (`bots/importZip.ts`), whose JSON already mirrors the Lex V2 model API, and only renamed where
 * CloudFormation spells a key differently. The renames are written out field by field on purpose:
 * the generated `CfnBot` renderer silently drops keys it does not know, so a spread of the export
 * JSON would lose e.g. `allowDTMFInput` without any error (see `test/infra/lexBots.test.ts`, which
 * compares the synthesized template with the import zip key by key).
 *
 * Differences from the export format handled here:
 * - `allowDTMFInput` → `allowDtmfInput`, `audioAndDTMFInputSpecification` → `audioAndDtmfInputSpecification`
 *   (CDK's camel-case names; the template still says `AllowDTMFInput`/`AudioAndDTMFInputSpecification`).
 * - Slots sit inline under `intents[].slots`; slot types under `botLocales[].slotTypes`.
 * - A slot type value without synonyms omits `synonyms` (the export writes `null`).
 * - The locale is keyed by `localeId` (export: `identifier`) and has no display name in CloudFormation.
 */

import type { CfnBot } from 'aws-cdk-lib/aws-lex';
import { intentJson, slotJson, slotTypeJson } from '../../bots/importZip';
import type {
  LexFulfillmentUpdatesJson,
  LexIntentJson,
  LexMessageGroupJson,
  LexPromptAttemptJson,
  LexPromptSpecificationJson,
  LexSlotJson,
  LexSlotTypeJson,
  LexUtteranceJson,
} from '../../bots/lexJson';
import type { BotLocaleDefinition, IntentDefinition, SlotDefinition, SlotTypeDefinition } from '../../bots/types';

/** Message groups; a message carries exactly one of plain text or SSML. */
function cfnMessageGroups(groups: readonly LexMessageGroupJson[]): CfnBot.MessageGroupProperty[] {
  return groups.map(({ message }) => ({
    message: {
      ...(message.plainTextMessage === undefined ? {} : { plainTextMessage: { value: message.plainTextMessage.value } }),
      ...(message.ssmlMessage === undefined ? {} : { ssmlMessage: { value: message.ssmlMessage.value } }),
    },
  }));
}

/** Sample utterances. */
function cfnUtterances(utterances: readonly LexUtteranceJson[]): CfnBot.SampleUtteranceProperty[] {
  return utterances.map(({ utterance }) => ({ utterance }));
}

/** Input settings of one prompt attempt; the two DTMF keys are renamed here. */
function cfnPromptAttempt(attempt: LexPromptAttemptJson): CfnBot.PromptAttemptSpecificationProperty {
  const spec = attempt.audioAndDTMFInputSpecification;
  return {
    allowInterrupt: attempt.allowInterrupt,
    allowedInputTypes: {
      allowAudioInput: attempt.allowedInputTypes.allowAudioInput,
      allowDtmfInput: attempt.allowedInputTypes.allowDTMFInput,
    },
    audioAndDtmfInputSpecification: {
      startTimeoutMs: spec.startTimeoutMs,
      audioSpecification: {
        maxLengthMs: spec.audioSpecification.maxLengthMs,
        endTimeoutMs: spec.audioSpecification.endTimeoutMs,
      },
      ...(spec.dtmfSpecification === undefined
        ? {}
        : {
            dtmfSpecification: {
              maxLength: spec.dtmfSpecification.maxLength,
              endTimeoutMs: spec.dtmfSpecification.endTimeoutMs,
              deletionCharacter: spec.dtmfSpecification.deletionCharacter,
              endCharacter: spec.dtmfSpecification.endCharacter,
            },
          }),
    },
    textInputSpecification: { startTimeoutMs: attempt.textInputSpecification.startTimeoutMs },
  };
}

/** A slot prompt with its retries and per-attempt input settings (`Initial`, `Retry1`, …). */
function cfnPromptSpecification(prompt: LexPromptSpecificationJson): CfnBot.PromptSpecificationProperty {
  return {
    messageGroupsList: cfnMessageGroups(prompt.messageGroupsList),
    maxRetries: prompt.maxRetries,
    allowInterrupt: prompt.allowInterrupt,
    messageSelectionStrategy: prompt.messageSelectionStrategy,
    promptAttemptsSpecification: Object.fromEntries(
      Object.entries(prompt.promptAttemptsSpecification).map(([name, attempt]) => [name, cfnPromptAttempt(attempt)]),
    ),
  };
}

/** A slot in export JSON as a CloudFormation slot. */
function cfnSlotFromJson(slot: LexSlotJson): CfnBot.SlotProperty {
  const elicitation = slot.valueElicitationSetting;
  const capture = elicitation.slotCaptureSetting;
  return {
    name: slot.name,
    description: slot.description,
    slotTypeName: slot.slotTypeName,
    // DefaultObfuscation masks the value in conversation logs (Lex V2 "slot obfuscation").
    obfuscationSetting: { obfuscationSettingType: slot.obfuscationSetting.obfuscationSettingType },
    valueElicitationSetting: {
      slotConstraint: elicitation.slotConstraint,
      promptSpecification: cfnPromptSpecification(elicitation.promptSpecification),
      ...(elicitation.sampleUtterances === undefined ? {} : { sampleUtterances: cfnUtterances(elicitation.sampleUtterances) }),
      ...(capture === undefined
        ? {}
        : {
            slotCaptureSetting: {
              elicitationCodeHook: {
                enableCodeHookInvocation: capture.elicitationCodeHook.enableCodeHookInvocation,
                invocationLabel: capture.elicitationCodeHook.invocationLabel,
              },
            },
          }),
    },
  };
}

/** Progress messages while fulfillment runs (played only in streaming conversations, i.e. Connect). */
function cfnFulfillmentUpdates(updates: LexFulfillmentUpdatesJson): CfnBot.FulfillmentUpdatesSpecificationProperty {
  return {
    active: updates.active,
    startResponse: {
      delayInSeconds: updates.startResponse.delayInSeconds,
      messageGroups: cfnMessageGroups(updates.startResponse.messageGroups),
      allowInterrupt: updates.startResponse.allowInterrupt,
    },
    updateResponse: {
      frequencyInSeconds: updates.updateResponse.frequencyInSeconds,
      messageGroups: cfnMessageGroups(updates.updateResponse.messageGroups),
      allowInterrupt: updates.updateResponse.allowInterrupt,
    },
    timeoutInSeconds: updates.timeoutInSeconds,
  };
}

/** An intent in export JSON plus its slots (which CloudFormation nests in the intent). */
function cfnIntentFromJson(intent: LexIntentJson, slots: readonly LexSlotJson[]): CfnBot.IntentProperty {
  const fulfillment = intent.fulfillmentCodeHook;
  return {
    name: intent.name,
    description: intent.description,
    // FallbackIntent extends AMAZON.FallbackIntent and must not carry sample utterances.
    ...(intent.parentIntentSignature === undefined ? {} : { parentIntentSignature: intent.parentIntentSignature }),
    ...(intent.sampleUtterances === undefined ? {} : { sampleUtterances: cfnUtterances(intent.sampleUtterances) }),
    dialogCodeHook: { enabled: intent.dialogCodeHook.enabled },
    fulfillmentCodeHook: {
      enabled: fulfillment.enabled,
      isActive: fulfillment.isActive,
      ...(fulfillment.fulfillmentUpdatesSpecification === undefined
        ? {}
        : { fulfillmentUpdatesSpecification: cfnFulfillmentUpdates(fulfillment.fulfillmentUpdatesSpecification) }),
    },
    // Lex asks for required slots in priority order.
    slotPriorities: intent.slotPriorities.map(({ priority, slotName }) => ({ priority, slotName })),
    ...(slots.length === 0 ? {} : { slots: slots.map(cfnSlotFromJson) }),
  };
}

/** A custom slot type in export JSON as a CloudFormation slot type. */
function cfnSlotTypeFromJson(type: LexSlotTypeJson): CfnBot.SlotTypeProperty {
  return {
    name: type.name,
    description: type.description,
    slotTypeValues: type.slotTypeValues.map(({ sampleValue, synonyms }) => ({
      sampleValue: { value: sampleValue.value },
      ...(synonyms === null ? {} : { synonyms: synonyms.map(({ value }) => ({ value })) }),
    })),
    valueSelectionSetting: { resolutionStrategy: type.valueSelectionSetting.resolutionStrategy },
  };
}

/** `CfnBot.SlotProperty` of a slot definition. */
export function toCfnSlot(slot: SlotDefinition): CfnBot.SlotProperty {
  return cfnSlotFromJson(slotJson(slot));
}

/** `CfnBot.IntentProperty` of an intent definition, its slots inline. */
export function toCfnIntent(intent: IntentDefinition): CfnBot.IntentProperty {
  return cfnIntentFromJson(intentJson(intent), intent.slots.map(slotJson));
}

/** `CfnBot.SlotTypeProperty` of a custom slot type definition. */
export function toCfnSlotType(type: SlotTypeDefinition): CfnBot.SlotTypeProperty {
  return cfnSlotTypeFromJson(slotTypeJson(type));
}

/**
 * `CfnBot.BotLocaleProperty` of a locale definition. The locale's own fields are mapped here
 * directly (the export's `BotLocale.json` writer is internal to `importZip.ts`); they are four
 * scalars, and the template test compares them with `BotLocale.json`.
 */
export function toCfnBotLocale(locale: BotLocaleDefinition): CfnBot.BotLocaleProperty {
  return {
    localeId: locale.localeId,
    description: locale.description,
    nluConfidenceThreshold: locale.nluConfidenceThreshold,
    voiceSettings: { voiceId: locale.voiceSettings.voiceId, engine: locale.voiceSettings.engine },
    intents: locale.intents.map(toCfnIntent),
    ...(locale.slotTypes.length === 0 ? {} : { slotTypes: locale.slotTypes.map(toCfnSlotType) }),
  };
}
