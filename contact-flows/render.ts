/**
 * Renders the contact flow templates of this folder: Flow language JSON with `${Name}` placeholders
 * where an ARN of the deployment goes. One template feeds both the CDK `CfnContactFlow` and the
 * import script, so the console and CloudFormation run the same flow. Two flows: `patient-ivr`
 * answers the callers, `care-team-task` routes the care team's work items (Amazon Connect tasks).
 */

import { AFTER_HOURS_NUMBER_NOT_SET, CONTACT_LANGUAGES, FLOW_PLACEHOLDERS, isLocaleId, LANGUAGE_KEYS, LOCALE_ID, RED_FLAG_IDS, type ContactLanguage, type LocaleId, type RedFlagId } from '../contract';
import { CATALOGS, plainText, type PromptCatalog, type Spoken } from '../prompts';
import { readFileSync } from 'node:fs';

export { validateContactFlow } from './validate';

/** The flows of this folder, by their name in Connect (and the name of their template file). */
export const FLOWS = { patientIvr: 'patient-ivr', careTeamTask: 'care-team-task' } as const;

/** Name of a flow of this folder. */
export type FlowName = (typeof FLOWS)[keyof typeof FLOWS];

/** Description of each flow in Connect (the import script sends it with `CreateContactFlow`). */
export const FLOW_DESCRIPTIONS: Readonly<Record<FlowName, string>> = {
  [FLOWS.patientIvr]: 'Clinic IVR: verify the caller (PatientAuth), then medications, appointments, symptom note or a person (PatientServices)',
  [FLOWS.careTeamTask]: 'Clinic IVR: route a care-team task (a message left by a caller) to the urgent or the care-team queue by its urgency and kind',
};

/**
 * Placeholders of `patient-ivr.json`, each an ARN: the two Lex V2 bot aliases and the symptom capture
 * function (all associated with the instance), the queue callers are transferred to, the scheduling
 * queue callers who want to change an appointment are transferred to, and the urgent (nurse) queue an
 * urgent message goes to at `#` (live triage).
 */
export const PATIENT_IVR_PLACEHOLDERS = [
  FLOW_PLACEHOLDERS.patientAuthBot,
  FLOW_PLACEHOLDERS.patientServicesBot,
  FLOW_PLACEHOLDERS.transferQueue,
  FLOW_PLACEHOLDERS.recordingControlFunction,
  FLOW_PLACEHOLDERS.schedulingQueue,
  FLOW_PLACEHOLDERS.urgentQueue,
] as const;

/**
 * Settings of a flow that are not ARNs, written `${Setting.<name>}` in a template: each has a value
 * when the deployment gives none.
 */
export interface FlowSettings {
  /**
   * E.164 number of the after-hours nurse line an urgent caller is transferred to when the urgent
   * queue is closed or full (CDK context `afterHoursNurseNumber`, import flag
   * `--after-hours-nurse-number`). @default none: the caller hears the 911 advice again and the call ends
   */
  readonly afterHoursNurseNumber?: string;
  /**
   * The language a call starts in (CDK context `defaultLanguage`, import flag `--default-language`):
   * `en-US` greets in English and offers Spanish; `es-US` sets the Spanish voice and language first,
   * greets in Spanish and offers English. @default 'en-US'
   */
  readonly defaultLanguage?: ContactLanguage;
}

/** The line's language when the deployment names none. */
export const DEFAULT_LINE_LANGUAGE: ContactLanguage = CONTACT_LANGUAGES.en_US;

/** Whether a string is a language a line can start in (`en-US`, `es-US`). */
export function isContactLanguage(value: string): value is ContactLanguage {
  return (Object.values(CONTACT_LANGUAGES) as string[]).includes(value);
}

/** E.164: a plus, a non-zero digit, up to 15 digits in all (ITU-T E.164). */
export const E164_NUMBER = /^\+[1-9]\d{1,14}$/;

/** The `${Setting.<name>}` of the templates. */
const SETTING_PLACEHOLDER = /\$\{Setting\.([A-Za-z]+)\}/g;

/** The spoken-name entry of a red flag in the flow's words: `mentioned` + the id in Pascal case (`mentionedChestPain`). */
export function mentionedPromptOf(flag: RedFlagId): string {
  return `mentioned${flag.split('-').map((part) => `${part[0]?.toUpperCase() ?? ''}${part.slice(1)}`).join('')}`;
}

/**
 * Placeholders of `care-team-task.json`, each a queue of the instance: where routine and urgent care-team
 * tasks wait for the care team. A task is created by `StartTaskContact`, which takes no queue: the flow
 * picks it from the task's attributes (`contract/tasks.ts`).
 */
export const CARE_TEAM_TASK_PLACEHOLDERS = [FLOW_PLACEHOLDERS.careTeamQueue, FLOW_PLACEHOLDERS.urgentQueue] as const;

/** Placeholders of each flow. */
const PLACEHOLDERS: Readonly<Record<FlowName, readonly string[]>> = {
  [FLOWS.patientIvr]: PATIENT_IVR_PLACEHOLDERS,
  [FLOWS.careTeamTask]: CARE_TEAM_TASK_PLACEHOLDERS,
};

/** Every placeholder of every flow. */
type AnyPlaceholder = (typeof PATIENT_IVR_PLACEHOLDERS)[number] | (typeof CARE_TEAM_TASK_PLACEHOLDERS)[number];

/**
 * What a placeholder's ARN names. It decides what the instance must be told before a flow names it:
 * a Lex V2 bot alias and a Lambda function are associated with the instance first (Connect refuses a
 * flow naming one it does not know); a queue is part of the instance already.
 */
export type PlaceholderKind = 'lexBotAlias' | 'lambdaFunction' | 'queue';

/** Where a deployment gets one placeholder's ARN, and what that ARN is. */
export interface PlaceholderSource {
  /** What the ARN names. */
  readonly kind: PlaceholderKind;
  /** Output of the CDK stack that holds the ARN. @default none: the ARN is given by flag only */
  readonly stackOutput?: string;
  /** What the ARN is, in a few words, for help texts and messages. */
  readonly description: string;
}

/**
 * Every placeholder, with where its ARN comes from. The import script (`npm run import-flows`) reads
 * this table generically: its flag is the placeholder in kebab case (`--transfer-queue-arn`), its
 * fallback the stack output, its association the kind. A new placeholder needs its row here and its
 * name in its flow's list, nothing in the script.
 *
 * @example
 * PLACEHOLDER_SOURCES.PatientAuthBotAliasArn; // { kind: 'lexBotAlias', stackOutput: 'PatientAuthAliasArn', ... }
 */
export const PLACEHOLDER_SOURCES: Readonly<Record<AnyPlaceholder, PlaceholderSource>> = {
  PatientAuthBotAliasArn: { kind: 'lexBotAlias', stackOutput: 'PatientAuthAliasArn', description: 'alias of the PatientAuth Lex V2 bot' },
  PatientServicesBotAliasArn: { kind: 'lexBotAlias', stackOutput: 'PatientServicesAliasArn', description: 'alias of the PatientServices Lex V2 bot' },
  TransferQueueArn: { kind: 'queue', stackOutput: 'TransferQueueArn', description: 'queue callers are transferred to (its hours decide open or closed)' },
  SchedulingQueueArn: { kind: 'queue', stackOutput: 'SchedulingQueueArn', description: 'queue callers who want to cancel or reschedule an appointment are transferred to' },
  SymptomCaptureFunctionArn: { kind: 'lambdaFunction', stackOutput: 'SymptomCaptureFunctionArn', description: 'Lambda function that starts and stops the recording of a message for the care team' },
  CareTeamQueueArn: { kind: 'queue', stackOutput: 'CareTeamQueueArn', description: "queue of the care team's routine tasks (messages, refill requests)" },
  UrgentQueueArn: { kind: 'queue', stackOutput: 'UrgentQueueArn', description: "queue of the care team's urgent tasks (a red flag, or an urgent message)" },
};

/**
 * The placeholders of a flow, in template order, each with its row of {@link PLACEHOLDER_SOURCES}.
 *
 * @throws {ContactFlowRenderError} when a placeholder of the flow has no row in the table
 * @example
 * for (const { placeholder, kind } of placeholderSourcesOf(FLOWS.patientIvr)) console.log(placeholder, kind);
 */
export function placeholderSourcesOf(flow: FlowName): readonly (PlaceholderSource & { readonly placeholder: string })[] {
  const table: Readonly<Record<string, PlaceholderSource | undefined>> = PLACEHOLDER_SOURCES;
  return PLACEHOLDERS[flow].map((placeholder) => {
    const source = table[placeholder];
    if (source === undefined) throw new ContactFlowRenderError(flow, `placeholder ${placeholder} has no row in PLACEHOLDER_SOURCES`, [placeholder]);
    return { placeholder, ...source };
  });
}

/**
 * Where the flow says something itself: `${Prompt.<entry>}` stands for an entry of the default
 * locale's prompt catalog (`prompts/`), `${Prompt.es_US.<entry>}` for the Spanish one, so the words
 * the flow plays are written once, beside every other spoken word. `${Ssml.…}` is the same entry
 * escaped for SSML (the greeting wraps the other language's offer in `<lang>`).
 */
const PROMPT_PLACEHOLDER = /\$\{(Prompt|Ssml)\.(?:([a-z]{2}_[A-Z]{2})\.)?([A-Za-z]+)\}/g;

/** Text made safe inside SSML: the three characters XML reserves in text. */
function xmlEscaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * What the flow may say in a locale: the catalog's flow entries (the offer of the locale's language
 * with its key), the menu it shares with the bot, and "You mentioned …" per red flag.
 */
function flowWords(locale: LocaleId): Readonly<Record<string, Spoken>> {
  const catalog: PromptCatalog = CATALOGS[locale];
  const { offerLanguage, ...words } = catalog.flow;
  const mentioned = Object.fromEntries(RED_FLAG_IDS.map((flag) => [mentionedPromptOf(flag), catalog.emergency.mentioned[flag]]));
  return { ...words, offerLanguage: offerLanguage(LANGUAGE_KEYS[locale]), menuOptions: catalog.menu.options, ...mentioned };
}

/** The plain text of the flow's word `entry` in `locale` (keys written as digits, as Connect reads them). */
function promptText(flow: FlowName, locale: string, entry: string): string {
  if (!isLocaleId(locale)) throw new ContactFlowRenderError(flow, `no prompt catalog for locale ${locale}`, [`Prompt.${locale}.${entry}`]);
  const words = flowWords(locale);
  if (!Object.hasOwn(words, entry)) throw new ContactFlowRenderError(flow, `no prompt ${entry} in the ${locale} catalog`, [`Prompt.${entry}`]);
  return plainText(words[entry] as Spoken);
}

/** The value of `${Setting.<setting>}`. @throws {ContactFlowRenderError} for an unknown setting or a number that is not E.164 */
function settingValue(flow: FlowName, setting: string, settings: FlowSettings): string {
  if (setting === 'defaultLanguage') {
    const language = settings.defaultLanguage ?? DEFAULT_LINE_LANGUAGE;
    if (!isContactLanguage(language)) throw new ContactFlowRenderError(flow, `defaultLanguage must be one of ${Object.values(CONTACT_LANGUAGES).join(', ')}`);
    return language;
  }
  if (setting !== 'afterHoursNurseNumber') throw new ContactFlowRenderError(flow, `unknown setting ${setting}`, [`Setting.${setting}`]);
  const number = settings.afterHoursNurseNumber;
  if (number === undefined || number === '') return AFTER_HOURS_NUMBER_NOT_SET;
  if (!E164_NUMBER.test(number)) throw new ContactFlowRenderError(flow, 'afterHoursNurseNumber must be an E.164 number such as +16085550100');
  return number;
}

/** A flow could not be rendered: a placeholder got no value, a value has no placeholder, or the result is not JSON. */
export class ContactFlowRenderError extends Error {
  public override readonly name = 'ContactFlowRenderError';

  public constructor(
    public readonly flow: FlowName,
    message: string,
    /** Placeholders of the template that got no value. */
    public readonly missing: readonly string[] = [],
    /** Values that match no placeholder of the template. */
    public readonly unknown: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(`contact flow ${flow}: ${message}`, options);
  }
}

/**
 * The flow's Flow language JSON with every `${Name}` replaced by `values[Name]`.
 *
 * Values are inserted JSON-escaped, inside the string that holds the placeholder. They may be CDK
 * token strings (`${Token[TOKEN.123]}`): only the declared names are matched, in one pass over the
 * template, so a token (or any `${` inside a value) is never taken for a placeholder.
 *
 * @throws {ContactFlowRenderError} when a placeholder has no value or a value has no placeholder
 * @example
 * const content = renderContactFlow(FLOWS.patientIvr, {
 *   PatientAuthBotAliasArn: authAlias.attrArn,
 *   PatientServicesBotAliasArn: servicesAlias.attrArn,
 *   TransferQueueArn: queueArn,
 *   SymptomCaptureFunctionArn: capture.functionArn,
 * });
 */
export function renderContactFlow(name: FlowName, values: Readonly<Record<string, string>>, settings: FlowSettings = {}): string {
  const declared = PLACEHOLDERS[name];
  const missing = declared.filter((placeholder) => !Object.hasOwn(values, placeholder));
  const unknown = Object.keys(values).filter((key) => !declared.includes(key));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0 ? `no value for placeholder(s) ${missing.join(', ')}` : '',
      unknown.length > 0 ? `value(s) ${unknown.join(', ')} match no placeholder` : '',
    ];
    throw new ContactFlowRenderError(name, parts.filter(Boolean).join('; '), missing, unknown);
  }

  const template = readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8');
  const pattern = new RegExp(`\\$\\{(${declared.join('|')})\\}`, 'g');
  // JSON.stringify escapes quotes, backslashes and control characters; the slice drops its quotes.
  const withArns = template.replace(pattern, (_match, placeholder: string) => JSON.stringify(values[placeholder]).slice(1, -1));
  const withWords = withArns.replace(PROMPT_PLACEHOLDER, (_match, form: string, locale: LocaleId | undefined, entry: string) => {
    const text = promptText(name, locale ?? LOCALE_ID, entry);
    return JSON.stringify(form === 'Ssml' ? xmlEscaped(text) : text).slice(1, -1);
  });
  const rendered = withWords.replace(SETTING_PLACEHOLDER, (_match, setting: string) => JSON.stringify(settingValue(name, setting, settings)).slice(1, -1));
  try {
    JSON.parse(rendered);
  } catch (error) {
    throw new ContactFlowRenderError(name, 'the rendered flow is not valid JSON', [], [], { cause: error });
  }
  return rendered;
}
