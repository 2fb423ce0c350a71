/**
 * Shapes of the JSON files in a Lex V2 import/export zip ("LexJson" file format). Field names follow
 * the documented export format (https://docs.aws.amazon.com/lexv2/latest/dg/import-export-format.html)
 * and real exports: they mirror the Create* API with names instead of ids (`slotTypeName`,
 * `slotPriorities[].slotName`), `messageGroupsList` for prompts and `isActive` for switches.
 * Only the fields this project writes are declared; Lex fills the rest with its defaults.
 */

/** `manifest.json` at the root of the zip. */
export interface LexManifestJson {
  readonly metadata: {
    readonly schemaVersion: '1.0';
    readonly fileFormat: 'LexJson';
    readonly resourceType: 'Bot';
  };
}

/** `<Bot>/Bot.json`. */
export interface LexBotJson {
  readonly name: string;
  readonly version: 'DRAFT';
  readonly description: string;
  readonly dataPrivacy: { readonly childDirected: boolean };
  readonly idleSessionTTLInSeconds: number;
}

/** `<Bot>/BotLocales/<locale>/BotLocale.json`; `identifier` is the locale id. */
export interface LexBotLocaleJson {
  readonly name: string;
  readonly identifier: string;
  readonly description: string;
  readonly voiceSettings: { readonly voiceId: string; readonly engine: string };
  readonly nluConfidenceThreshold: number;
}

/** A message: exactly one of its fields is set. */
export interface LexMessageJson {
  readonly plainTextMessage?: { readonly value: string };
  readonly ssmlMessage?: { readonly value: string };
}

/** A message group (Lex picks one variation of a group to speak). */
export interface LexMessageGroupJson {
  readonly message: LexMessageJson;
}

/** Keypad settings of one prompt attempt. */
export interface LexDtmfSpecificationJson {
  readonly maxLength: number;
  readonly endTimeoutMs: number;
  readonly deletionCharacter: string;
  readonly endCharacter: string;
}

/** Input settings of one prompt attempt (`Initial`, `Retry1`, …). */
export interface LexPromptAttemptJson {
  readonly allowInterrupt: boolean;
  readonly allowedInputTypes: { readonly allowAudioInput: boolean; readonly allowDTMFInput: boolean };
  readonly audioAndDTMFInputSpecification: {
    readonly startTimeoutMs: number;
    readonly audioSpecification: { readonly maxLengthMs: number; readonly endTimeoutMs: number };
    readonly dtmfSpecification?: LexDtmfSpecificationJson;
  };
  readonly textInputSpecification: { readonly startTimeoutMs: number };
}

/** A slot prompt with its retries. */
export interface LexPromptSpecificationJson {
  readonly messageGroupsList: readonly LexMessageGroupJson[];
  readonly maxRetries: number;
  readonly allowInterrupt: boolean;
  readonly messageSelectionStrategy: 'Random' | 'Ordered';
  readonly promptAttemptsSpecification: Readonly<Record<string, LexPromptAttemptJson>>;
}

/** A sample utterance. */
export interface LexUtteranceJson {
  readonly utterance: string;
}

/** `<Bot>/BotLocales/<locale>/Intents/<Intent>/Slots/<Slot>/Slot.json`. */
export interface LexSlotJson {
  readonly name: string;
  readonly description: string;
  readonly slotTypeName: string;
  readonly obfuscationSetting: { readonly obfuscationSettingType: 'DefaultObfuscation' | 'None' };
  readonly valueElicitationSetting: {
    readonly slotConstraint: 'Required' | 'Optional';
    readonly promptSpecification: LexPromptSpecificationJson;
    readonly sampleUtterances?: readonly LexUtteranceJson[];
    readonly slotCaptureSetting?: {
      readonly elicitationCodeHook: { readonly enableCodeHookInvocation: boolean; readonly invocationLabel: string };
    };
  };
}

/** A progress message setting; these two keep the API's `messageGroups` name (as CloudFormation does). */
export interface LexFulfillmentResponseJson {
  readonly messageGroups: readonly LexMessageGroupJson[];
  readonly allowInterrupt: boolean;
}

/** `fulfillmentCodeHook.fulfillmentUpdatesSpecification`. */
export interface LexFulfillmentUpdatesJson {
  readonly active: boolean;
  readonly startResponse: LexFulfillmentResponseJson & { readonly delayInSeconds: number };
  readonly updateResponse: LexFulfillmentResponseJson & { readonly frequencyInSeconds: number };
  readonly timeoutInSeconds: number;
}

/** `<Bot>/BotLocales/<locale>/Intents/<Intent>/Intent.json`. */
export interface LexIntentJson {
  readonly name: string;
  readonly description: string;
  readonly parentIntentSignature?: string;
  readonly sampleUtterances?: readonly LexUtteranceJson[];
  readonly dialogCodeHook: { readonly enabled: boolean };
  readonly fulfillmentCodeHook: {
    readonly enabled: boolean;
    readonly isActive: boolean;
    readonly fulfillmentUpdatesSpecification?: LexFulfillmentUpdatesJson;
  };
  readonly slotPriorities: readonly { readonly priority: number; readonly slotName: string }[];
}

/** `<Bot>/BotLocales/<locale>/SlotTypes/<SlotType>/SlotType.json`. */
export interface LexSlotTypeJson {
  readonly name: string;
  readonly description: string;
  readonly slotTypeValues: readonly {
    readonly sampleValue: { readonly value: string };
    readonly synonyms: readonly { readonly value: string }[] | null;
  }[];
  readonly valueSelectionSetting: { readonly resolutionStrategy: 'ORIGINAL_VALUE' | 'TOP_RESOLUTION' };
}

/** Any file of the zip. */
export type LexJsonFile =
  | LexManifestJson
  | LexBotJson
  | LexBotLocaleJson
  | LexIntentJson
  | LexSlotJson
  | LexSlotTypeJson;
