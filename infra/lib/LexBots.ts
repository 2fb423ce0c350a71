import { createHash } from 'node:crypto';
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { CfnBot, CfnBotAlias, CfnBotVersion } from 'aws-cdk-lib/aws-lex';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ALL_BOTS, validateBot } from '../../bots';
import type { BotDefinition, PatientSearchStrategy } from '../../bots';
import { BOT_NAMES } from '../../contract';
import { toCfnBotLocale } from './lexCfn';

/** Names of the two bots, from `BOT_NAMES`. */
export type BotName = (typeof BOT_NAMES)[keyof typeof BOT_NAMES];

/** Props of {@link LexBots}. */
export interface LexBotsProps {
  /** The fulfillment Lambda: the dialog and fulfillment code hook of both bot aliases. */
  readonly fulfillment: lambda.IFunction;
  /** How PatientAuth finds the caller in Epic; `name` adds the first and last name slots. */
  readonly searchStrategy: PatientSearchStrategy;
  /** Name of the alias the contact flows call. @default 'live' */
  readonly aliasName?: string;
  /**
   * Log group for Lex text conversation logs of both aliases. Slots marked obfuscated (birth date,
   * names) are masked there by Lex. @default no conversation logs
   */
  readonly conversationLogGroup?: logs.ILogGroup;
  /**
   * KMS key that encrypts `conversationLogGroup`. The Lex role may then use it, only through
   * CloudWatch Logs (`kms:ViaService`). Needs `conversationLogGroup`. @default none
   */
  readonly encryptionKey?: kms.IKey;
}

/** What was created for one bot. */
interface DeployedBot {
  readonly bot: CfnBot;
  readonly alias: CfnBotAlias;
}

/** Lex V2 service principal: it assumes the bot role and invokes code hooks. */
const LEX_PRINCIPAL = 'lexv2.amazonaws.com';

/** Lex V2 code hook input/output format; '1.0' is the only version Lex V2 accepts. */
const CODE_HOOK_INTERFACE_VERSION = '1.0';

/** Lex builds versions from the working copy, DRAFT. */
const DRAFT = 'DRAFT';

/** Short, stable fingerprint of a definition, so a changed bot gets a new version resource. */
function definitionHash(bot: BotDefinition): string {
  return createHash('sha256').update(JSON.stringify(bot)).digest('hex').slice(0, 12);
}

/**
 * The two Lex V2 bots of the IVR (PatientAuth, PatientServices), generated from the definitions in
 * `bots/` (the same ones the import zip is written from), each with a version and an alias whose
 * code hook is the fulfillment Lambda.
 *
 * A change to a definition changes the version's logical id (a hash of the definition), so
 * CloudFormation builds a new numbered version, moves the alias to it, then deletes the old one.
 */
export class LexBots extends Construct {
  /** ARN of the PatientAuth alias (`arn:aws:lex:REGION:ACCOUNT:bot-alias/BOTID/ALIASID`), for Connect. */
  public readonly authAliasArn: string;
  /** ARN of the PatientServices alias, for Connect. */
  public readonly servicesAliasArn: string;
  /** The bots by name. */
  public readonly bots: Record<BotName, CfnBot>;
  /** The aliases by name. */
  public readonly aliases: Record<BotName, CfnBotAlias>;
  /** The role Lex runs the bots with. */
  public readonly role: iam.Role;
  /** The role's permissions (a customer-managed policy). */
  public readonly rolePolicy: iam.ManagedPolicy;

  public constructor(scope: Construct, id: string, props: LexBotsProps) {
    super(scope, id);
    if (props.encryptionKey !== undefined && props.conversationLogGroup === undefined) {
      throw new Error('LexBots: encryptionKey is the key of conversationLogGroup; pass the log group too.');
    }
    const { role, policy } = this.createRole(props);
    this.role = role;
    this.rolePolicy = policy;

    const definitions = ALL_BOTS({ searchStrategy: props.searchStrategy });
    const deployed = new Map<string, DeployedBot>(
      definitions.map((definition) => [definition.name, this.createBot(definition, props)]),
    );
    const get = (name: BotName): DeployedBot => {
      const entry = deployed.get(name);
      if (entry === undefined) throw new Error(`LexBots: no definition for bot ${name}`);
      return entry;
    };
    const auth = get(BOT_NAMES.patientAuth);
    const services = get(BOT_NAMES.patientServices);
    this.bots = { [BOT_NAMES.patientAuth]: auth.bot, [BOT_NAMES.patientServices]: services.bot };
    this.aliases = { [BOT_NAMES.patientAuth]: auth.alias, [BOT_NAMES.patientServices]: services.alias };
    this.authAliasArn = auth.alias.attrArn;
    this.servicesAliasArn = services.alias.attrArn;
  }

  /**
   * The role Lex assumes to speak (Polly) and, when enabled, to write conversation logs. Its
   * permissions are one customer-managed policy (HIPAA Security `IAMNoInlinePolicy`), which the
   * bots wait for, so Lex never runs a bot with a role that cannot call Polly yet.
   */
  private createRole(props: LexBotsProps): { role: iam.Role; policy: iam.ManagedPolicy } {
    const role = new iam.Role(this, 'LexRole', {
      assumedBy: new iam.ServicePrincipal(LEX_PRINCIPAL),
      description: 'Runs the clinic IVR Lex V2 bots: Polly speech and text conversation logs',
    });
    const policy = new iam.ManagedPolicy(this, 'LexRolePolicy', {
      description: 'Clinic IVR Lex bots: Polly speech and, when enabled, text conversation logs',
      roles: [role],
    });
    policy.addStatements(
      new iam.PolicyStatement({
        sid: 'PollySpeech',
        actions: ['polly:SynthesizeSpeech'],
        // Polly has no resource-level permission for SynthesizeSpeech (Polly API permissions
        // reference lists its resource as "*"); AWS's own AmazonLexV2BotPolicy grants it on "*".
        resources: ['*'],
      }),
    );
    // cdk-nag 3 reads acknowledgments from CDK's Validations metadata (its README: "Acknowledging a
    // Rule"). The finding id names the "*" resource only, so wildcard actions or ARNs still fail;
    // the tests check that Polly holds the only "*" resource of this policy.
    Validations.of(policy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'polly:SynthesizeSpeech supports no resource-level permissions (Polly API permissions reference: Resource "*"); ' +
        'it is the only wildcard, and the same grant AWS makes in AmazonLexV2BotPolicy.',
    });
    const { conversationLogGroup: logGroup, encryptionKey } = props;
    if (logGroup !== undefined) {
      // Lex V2 text logs need exactly these two actions on the log group (Lex V2 guide,
      // "IAM Policies for Conversation Logs"); the log group ARN ends in ':*', covering its streams.
      policy.addStatements(
        new iam.PolicyStatement({
          sid: 'ConversationLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [logGroup.logGroupArn],
        }),
      );
    }
    if (encryptionKey !== undefined) {
      // CloudWatch Logs uses a log group's KMS key on behalf of the caller; AWS asks callers to
      // allow that with kms:ViaService (CloudWatch Logs guide, "Encrypt log data ... using AWS KMS").
      policy.addStatements(
        new iam.PolicyStatement({
          sid: 'ConversationLogKey',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [encryptionKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `logs.${Stack.of(this).region}.amazonaws.com` } },
        }),
      );
    }
    return { role, policy };
  }

  /** Bot, version and alias of one definition, and the permission for Lex to call the Lambda. */
  private createBot(definition: BotDefinition, props: LexBotsProps): DeployedBot {
    const problems = validateBot(definition);
    if (problems.length > 0) throw new Error(`Bot ${definition.name} is not valid for Lex:\n${problems.join('\n')}`);
    const name = definition.name;
    const hash = definitionHash(definition);

    const bot = new CfnBot(this, name, {
      name,
      description: definition.description,
      roleArn: this.role.roleArn,
      // DataPrivacy is untyped JSON in CloudFormation, so it is written with its template key.
      dataPrivacy: { ChildDirected: definition.dataPrivacy.childDirected },
      idleSessionTtlInSeconds: definition.idleSessionTTLInSeconds,
      botLocales: definition.locales.map(toCfnBotLocale),
      // Build the locales on every change, so the version below is made from a built DRAFT.
      autoBuildBotLocales: true,
    });
    // The bot references only the role's ARN: wait for the role's policy too, so Lex never runs the
    // bot with a role that cannot call Polly yet.
    bot.node.addDependency(this.role, this.rolePolicy);

    const version = new CfnBotVersion(this, `${name}Version${hash}`, {
      botId: bot.attrId,
      description: `${name} built from definition ${hash}`,
      botVersionLocaleSpecification: definition.locales.map((locale) => ({
        localeId: locale.localeId,
        botVersionLocaleDetails: { sourceBotVersion: DRAFT },
      })),
    });

    const logGroup = props.conversationLogGroup;
    const alias = new CfnBotAlias(this, `${name}Alias`, {
      botId: bot.attrId,
      botAliasName: props.aliasName ?? 'live',
      botVersion: version.attrBotVersion,
      description: `${name} for Amazon Connect`,
      botAliasLocaleSettings: definition.locales.map((locale) => ({
        localeId: locale.localeId,
        botAliasLocaleSetting: {
          enabled: true,
          codeHookSpecification: {
            lambdaCodeHook: { lambdaArn: props.fulfillment.functionArn, codeHookInterfaceVersion: CODE_HOOK_INTERFACE_VERSION },
          },
        },
      })),
      // Untyped JSON in CloudFormation, like DataPrivacy. Sentiment (Comprehend) is not used.
      sentimentAnalysisSettings: { DetectSentiment: false },
      ...(logGroup === undefined
        ? {}
        : {
            conversationLogSettings: {
              textLogSettings: [
                {
                  enabled: true,
                  destination: { cloudWatch: { cloudWatchLogGroupArn: logGroup.logGroupArn, logPrefix: `${name}/` } },
                },
              ],
            },
          }),
    });

    // Lex V2 invokes the code hook as lexv2.amazonaws.com; scoping to the alias ARN keeps any other
    // bot (or another account's) from invoking the Lambda (Lex V2 guide, "Resource-based policy").
    new lambda.CfnPermission(this, `${name}InvokePermission`, {
      action: 'lambda:InvokeFunction',
      functionName: props.fulfillment.functionArn,
      principal: LEX_PRINCIPAL,
      sourceArn: alias.attrArn,
    });
    return { bot, alias };
  }
}
