import { patientAuthBot, patientServicesBot, type BotDefinition, type BotOptions } from '../../bots';
import { FLOWS, placeholderSourcesOf, renderContactFlow, type FlowSettings, type PlaceholderKind } from '../../contact-flows/render';
import { BOT_NAMES, FLOW_PLACEHOLDERS } from '../../contract';
import type { LexHandler } from '../../fulfillment/dialog/codeHook';
import { localCaptureFunction, LocalWiringError, type LocalLambda, type LocalLexBot } from './connect';
import { LexRuntime } from './lexRuntime';

/** The local stand-in of each bot, by bot name; a `<BotName>BotAliasArn` placeholder names its bot. */
const LOCAL_BOTS: Readonly<Record<string, (options: BotOptions) => BotDefinition>> = {
  [BOT_NAMES.patientAuth]: (options) => patientAuthBot(options),
  [BOT_NAMES.patientServices]: () => patientServicesBot(),
};

/** The local stand-in of each Lambda function placeholder. */
const LOCAL_FUNCTIONS: Readonly<Record<string, () => LocalLambda>> = {
  [FLOW_PLACEHOLDERS.recordingControlFunction]: localCaptureFunction,
};

/** Suffix of a bot alias placeholder after the bot's name. */
const BOT_ALIAS_SUFFIX = 'BotAliasArn';

/**
 * A clearly fake ARN for a placeholder: region `local`, account 000000000000, named `simulated-…`.
 *
 * @example
 * localArn('queue', 'UrgentQueueArn'); // 'arn:aws:connect:local:000000000000:instance/simulated-instance/queue/simulated-UrgentQueueArn'
 */
export function localArn(kind: PlaceholderKind, placeholder: string): string {
  switch (kind) {
    case 'lexBotAlias':
      return `arn:aws:lex:local:000000000000:bot-alias/simulated-${placeholder}/live`;
    case 'lambdaFunction':
      return `arn:aws:lambda:local:000000000000:function:simulated-${placeholder}`;
    case 'queue':
      return `arn:aws:connect:local:000000000000:instance/simulated-instance/queue/simulated-${placeholder}`;
  }
}

/** The deployed flow with local ARNs, and what each ARN stands for on this machine. */
export interface LocalFlow {
  /** `patient-ivr` rendered with a local ARN for every placeholder. */
  readonly json: string;
  /** The ARN given to each placeholder. */
  readonly arns: Readonly<Record<string, string>>;
  /** Bot aliases by ARN: each opens a {@link LexRuntime} on the real handler. */
  readonly bots: Readonly<Record<string, LocalLexBot>>;
  /** Lambda functions by ARN. */
  readonly functions: Readonly<Record<string, LocalLambda>>;
}

/**
 * Renders `patient-ivr` for the simulator. Every placeholder `renderContactFlow` declares gets a fake
 * local ARN by its kind, mapped to its local implementation: a bot alias to a Lex runtime of that bot
 * on `handler`, a Lambda function to `functions[placeholder]` or its default, a queue to nothing
 * (the transfer ends the simulated call).
 *
 * @throws {LocalWiringError} naming a placeholder that has no local stand-in
 * @example
 * const { json, bots, functions } = localPatientIvr({ handler: runtime.handler, searchStrategy: 'name' });
 */
export function localPatientIvr(options: {
  handler: LexHandler;
  searchStrategy: BotOptions['searchStrategy'];
  /** Lambda functions by placeholder, instead of the defaults. */
  functions?: Readonly<Record<string, LocalLambda>>;
  /** The flow's settings (the after-hours nurse number). @default none set */
  settings?: FlowSettings;
}): LocalFlow {
  const arns: Record<string, string> = {};
  const bots: Record<string, LocalLexBot> = {};
  const functions: Record<string, LocalLambda> = {};
  for (const { placeholder, kind } of placeholderSourcesOf(FLOWS.patientIvr)) {
    const arn = localArn(kind, placeholder);
    arns[placeholder] = arn;
    if (kind === 'lexBotAlias') {
      const name = placeholder.endsWith(BOT_ALIAS_SUFFIX) ? placeholder.slice(0, -BOT_ALIAS_SUFFIX.length) : '';
      const definition = Object.hasOwn(LOCAL_BOTS, name) ? LOCAL_BOTS[name] : undefined;
      if (!definition) throw new LocalWiringError(placeholder, `names no local bot (known: ${Object.keys(LOCAL_BOTS).map((bot) => `${bot}${BOT_ALIAS_SUFFIX}`).join(', ')})`);
      const bot = definition({ searchStrategy: options.searchStrategy });
      bots[arn] = { name: bot.name, open: (sessionId, localeId) => new LexRuntime({ bot, handler: options.handler, sessionId, attributes: {}, localeId }) };
    } else if (kind === 'lambdaFunction') {
      const given = options.functions?.[placeholder];
      const local = given ?? (Object.hasOwn(LOCAL_FUNCTIONS, placeholder) ? LOCAL_FUNCTIONS[placeholder]?.() : undefined);
      if (!local) throw new LocalWiringError(placeholder, 'has no local function; add one to LOCAL_FUNCTIONS in sandbox/simulator/localFlow.ts');
      functions[arn] = local;
    }
  }
  return { json: renderContactFlow(FLOWS.patientIvr, arns, options.settings ?? {}), arns, bots, functions };
}
