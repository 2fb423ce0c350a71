import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { ALL_BOTS, buildBotImportFiles } from '../../bots';
import type { PatientSearchStrategy } from '../../bots';
import { BOT_NAMES, ES_LOCALE_ID, INTENTS, LOCALE_ID, SLOTS } from '../../contract';
import { LexBots } from '../../infra/lib/LexBots';
import type { JsonObject } from '../support/lexTemplate';
import {
  allProps,
  arr,
  botIdRef,
  botProps,
  fulfillmentFunction,
  named,
  names,
  normalize,
  obj,
  omit,
  localeIds,
  localeNamed,
  single,
  synthesize,
  zipChildren,
  zipFile,
} from '../support/lexTemplate';

const STRATEGIES = ['telecom', 'name'] as const satisfies readonly PatientSearchStrategy[];

const CASES = STRATEGIES.flatMap((strategy) =>
  ALL_BOTS({ searchStrategy: strategy }).map((bot) => [`${bot.name} (${strategy})`, strategy, bot] as const),
);

const BOTH = [BOT_NAMES.patientAuth, BOT_NAMES.patientServices] as const;

/** The locales of both bots, in order. */
const LOCALES = [LOCALE_ID, ES_LOCALE_ID] as const;

/** Sorted copy, to compare sets of names. */
function sorted(values: readonly string[]): readonly string[] {
  return [...values].sort();
}

describe('LexBots', () => {
  describe('bots generated from the definitions', () => {
    it.each(STRATEGIES)('creates both bots, en_US and es_US, auto-built, children not targeted (%s search)', (strategy) => {
      // Prepare
      const { template, lexBots } = synthesize(strategy);
      // Act
      const bots = allProps(template, 'AWS::Lex::Bot');
      // Assess
      expect(sorted(bots.map((bot) => String(bot['Name'])))).toEqual(sorted(BOTH));
      for (const definition of ALL_BOTS({ searchStrategy: strategy })) {
        const props = botProps(template, definition.name);
        expect(props).toMatchObject({
          AutoBuildBotLocales: true,
          DataPrivacy: { ChildDirected: false },
          IdleSessionTTLInSeconds: definition.idleSessionTTLInSeconds,
          RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^LexBotsLexRole/), 'Arn'] },
        });
        expect(localeIds(props)).toEqual(LOCALES);
      }
      expect(sorted(Object.keys(lexBots.bots))).toEqual(sorted(BOTH));
    });

    it.each(CASES)('%s: the CfnBot and the import zip describe the same bot, key for key', (_label, strategy, definition) => {
      // Prepare
      const files = buildBotImportFiles(definition);
      // Act
      const props = botProps(synthesize(strategy).template, definition.name);
      // Assess: bot settings, then each locale's (CloudFormation keys it by LocaleId, without display name)
      const botSettings = omit(props, 'BotLocales', 'RoleArn', 'AutoBuildBotLocales');
      expect(normalize(botSettings)).toEqual(normalize(omit(zipFile(files, `${definition.name}/Bot.json`), 'version')));
      expect(localeIds(props)).toEqual(definition.locales.map((locale) => locale.localeId));
      for (const localeId of localeIds(props)) {
        const localeDir = `${definition.name}/BotLocales/${localeId}`;
        const locale = localeNamed(props, localeId);
        const localeJson = zipFile(files, `${localeDir}/BotLocale.json`);
        expect(locale['LocaleId']).toBe(localeJson['identifier']);
        expect(normalize(omit(locale, 'LocaleId', 'Intents', 'SlotTypes'))).toEqual(
          normalize(omit(localeJson, 'identifier', 'name')),
        );
        // Assess: the same intents, each equal to its Intent.json, with the same slots, each equal to its Slot.json
        expect(sorted(names(locale['Intents']))).toEqual(sorted(zipChildren(files, `${localeDir}/Intents`, 'Intent.json')));
        for (const intent of arr(locale['Intents']).map(obj)) {
          const intentDir = `${localeDir}/Intents/${String(intent['Name'])}`;
          expect(normalize(omit(intent, 'Slots'))).toEqual(normalize(zipFile(files, `${intentDir}/Intent.json`)));
          expect(sorted(names(intent['Slots']))).toEqual(sorted(zipChildren(files, `${intentDir}/Slots`, 'Slot.json')));
          for (const slot of arr(intent['Slots'] ?? []).map(obj)) {
            const slotJson = zipFile(files, `${intentDir}/Slots/${String(slot['Name'])}/Slot.json`);
            expect(normalize(slot)).toEqual(normalize(slotJson));
          }
        }
        // Assess: the same custom slot types
        const typesDir = `${localeDir}/SlotTypes`;
        expect(sorted(names(locale['SlotTypes']))).toEqual(sorted(zipChildren(files, typesDir, 'SlotType.json')));
        for (const type of arr(locale['SlotTypes'] ?? []).map(obj)) {
          expect(normalize(type)).toEqual(normalize(zipFile(files, `${typesDir}/${String(type['Name'])}/SlotType.json`)));
        }
      }
    });

    it.each(CASES)('%s: utterances, slots, priorities, obfuscation and keypad input follow the definition', (_, strategy, definition) => {
      // Prepare
      const props = botProps(synthesize(strategy).template, definition.name);
      for (const localeDefinition of definition.locales) {
        // Act
        const locale = localeNamed(props, localeDefinition.localeId);
        // Assess
        expect(locale['VoiceSettings']).toEqual({ VoiceId: localeDefinition.voiceSettings.voiceId, Engine: localeDefinition.voiceSettings.engine });
        expect(names(locale['Intents'])).toEqual(localeDefinition.intents.map((intent) => intent.name));
        for (const intentDefinition of localeDefinition.intents) {
          const intent = named(locale['Intents'], intentDefinition.name);
          const utterances = arr(intent['SampleUtterances'] ?? []).map((utterance) => obj(utterance)['Utterance']);
          expect(utterances).toEqual(intentDefinition.sampleUtterances);
          expect(intent['DialogCodeHook']).toEqual({ Enabled: intentDefinition.dialogCodeHookEnabled });
          expect(obj(intent['FulfillmentCodeHook'])['Enabled']).toBe(intentDefinition.fulfillment.codeHookEnabled);
          expect(names(intent['Slots'])).toEqual(intentDefinition.slots.map((slot) => slot.name));
          expect(intent['SlotPriorities']).toEqual(
            intentDefinition.slots.map((slot, index) => ({ Priority: index + 1, SlotName: slot.name })),
          );
          for (const slotDefinition of intentDefinition.slots) {
            const slot = named(intent['Slots'], slotDefinition.name);
            const elicitation = obj(slot['ValueElicitationSetting']);
            const prompt = obj(elicitation['PromptSpecification']);
            const attempts = Object.values(obj(prompt['PromptAttemptsSpecification'])).map(obj);
            expect(slot['SlotTypeName']).toBe(slotDefinition.slotTypeName);
            expect(obj(slot['ObfuscationSetting'])['ObfuscationSettingType']).toBe(
              slotDefinition.obfuscated ? 'DefaultObfuscation' : 'None',
            );
            expect(elicitation['SlotConstraint']).toBe(slotDefinition.required ? 'Required' : 'Optional');
            expect(attempts).toHaveLength(slotDefinition.maxRetries + 1);
            for (const attempt of attempts) {
              expect(attempt['AllowedInputTypes']).toEqual({
                AllowAudioInput: slotDefinition.input.allowAudioInput,
                AllowDTMFInput: slotDefinition.input.allowDtmfInput,
              });
              const dtmf = obj(attempt['AudioAndDTMFInputSpecification'])['DTMFSpecification'];
              expect(dtmf === undefined ? undefined : obj(dtmf)['MaxLength']).toBe(slotDefinition.input.dtmf?.maxLength);
            }
            expect(elicitation['SlotCaptureSetting'] !== undefined).toBe(slotDefinition.codeHookOnEveryAttempt);
          }
        }
        expect(names(locale['SlotTypes'])).toEqual(localeDefinition.slotTypes.map((type) => type.name));
      }
    });

    it('gives FallbackIntent the AMAZON.FallbackIntent parent and no sample utterances', () => {
      // Prepare
      const { template } = synthesize('telecom');
      // Act
      const fallbacks = BOTH.flatMap((name) => LOCALES.map((localeId) => named(localeNamed(botProps(template, name), localeId)['Intents'], INTENTS.fallback)));
      // Assess
      for (const fallback of fallbacks) {
        expect(fallback['ParentIntentSignature']).toBe('AMAZON.FallbackIntent');
        expect(fallback['SampleUtterances']).toBeUndefined();
      }
    });

    it('adds the FirstName and LastName slots, asked first, under the name search; an optional FirstName last under telecom', () => {
      // Prepare
      const verify = (strategy: PatientSearchStrategy, localeId: string): JsonObject =>
        named(localeNamed(botProps(synthesize(strategy).template, BOT_NAMES.patientAuth), localeId)['Intents'], INTENTS.verifyIdentity);
      for (const localeId of LOCALES) {
        // Act
        const byName = verify('name', localeId);
        const byTelecom = verify('telecom', localeId);
        // Assess
        expect(names(byName['Slots'])).toEqual([SLOTS.firstName, SLOTS.lastName, SLOTS.birthDate, SLOTS.gender]);
        expect(arr(byName['SlotPriorities']).slice(0, 2)).toEqual([
          { Priority: 1, SlotName: SLOTS.firstName },
          { Priority: 2, SlotName: SLOTS.lastName },
        ]);
        expect(names(byTelecom['Slots'])).toEqual([SLOTS.birthDate, SLOTS.gender, SLOTS.firstName]);
        const telecomFirstName = arr(byTelecom['Slots']).find((slot) => (slot as JsonObject)['Name'] === SLOTS.firstName) as JsonObject;
        expect((telecomFirstName['ValueElicitationSetting'] as JsonObject)['SlotConstraint']).toBe('Optional');
      }
    });
  });

  describe('versions and aliases', () => {
    it('builds one version per bot from the DRAFT en_US and es_US locales', () => {
      // Prepare
      const { template } = synthesize('telecom');
      // Act
      const versions = BOTH.map((name) => single(template, 'AWS::Lex::BotVersion', { BotId: botIdRef(template, name) }).props);
      // Assess
      expect(allProps(template, 'AWS::Lex::BotVersion')).toHaveLength(2);
      for (const version of versions) {
        expect(version['BotVersionLocaleSpecification']).toEqual(
          LOCALES.map((localeId) => ({ LocaleId: localeId, BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } })),
        );
      }
    });

    it('gives a changed bot a new version resource and keeps the unchanged one', () => {
      // Prepare
      const versionIds = (strategy: PatientSearchStrategy): readonly string[] => {
        const { template } = synthesize(strategy);
        return BOTH.map((name) => single(template, 'AWS::Lex::BotVersion', { BotId: botIdRef(template, name) }).id);
      };
      // Act
      const [authTelecom, servicesTelecom] = versionIds('telecom');
      const [authName, servicesName] = versionIds('name');
      // Assess: the name search changes PatientAuth only, and the same definition gives the same id
      expect(authName).not.toBe(authTelecom);
      expect(servicesName).toBe(servicesTelecom);
      expect(versionIds('telecom')).toEqual([authTelecom, servicesTelecom]);
    });

    it('points each "live" alias at its version with the Lambda as code hook, interface 1.0, sentiment off', () => {
      // Prepare
      const { template, fulfillmentId, lexBots, stack } = synthesize('telecom');
      // Act
      const aliases = BOTH.map((name) => single(template, 'AWS::Lex::BotAlias', { BotId: botIdRef(template, name) }));
      // Assess
      expect(allProps(template, 'AWS::Lex::BotAlias')).toHaveLength(2);
      for (const [index, alias] of aliases.entries()) {
        const botId = botIdRef(template, BOTH[index] ?? '');
        const versionId = single(template, 'AWS::Lex::BotVersion', { BotId: botId }).id;
        const lambdaCodeHook = { LambdaArn: { 'Fn::GetAtt': [fulfillmentId, 'Arn'] }, CodeHookInterfaceVersion: '1.0' };
        expect(alias.props).toEqual({
          BotAliasName: 'live',
          BotId: botId,
          BotVersion: { 'Fn::GetAtt': [versionId, 'BotVersion'] },
          Description: expect.any(String),
          BotAliasLocaleSettings: LOCALES.map((localeId) => ({
            LocaleId: localeId,
            BotAliasLocaleSetting: { Enabled: true, CodeHookSpecification: { LambdaCodeHook: lambdaCodeHook } },
          })),
          SentimentAnalysisSettings: { DetectSentiment: false },
        });
      }
      expect(stack.resolve(lexBots.authAliasArn)).toEqual({ 'Fn::GetAtt': [aliases[0]?.id, 'Arn'] });
      expect(stack.resolve(lexBots.servicesAliasArn)).toEqual({ 'Fn::GetAtt': [aliases[1]?.id, 'Arn'] });
    });

    it('uses the alias name it is given', () => {
      // Prepare
      const stack = new Stack(new App(), 'AliasNameTest');
      // Act
      new LexBots(stack, 'LexBots', { fulfillment: fulfillmentFunction(stack), searchStrategy: 'telecom', aliasName: 'prod' });
      // Assess
      const aliases = Template.fromStack(stack).findResources('AWS::Lex::BotAlias', { Properties: { BotAliasName: 'prod' } });
      expect(Object.keys(aliases)).toHaveLength(2);
    });

    it('lets Lex V2 invoke the Lambda only from each alias ARN', () => {
      // Prepare
      const { template, fulfillmentId } = synthesize('telecom');
      // Act
      const permissions = allProps(template, 'AWS::Lambda::Permission');
      // Assess
      const aliasIds = Object.keys(template.findResources('AWS::Lex::BotAlias'));
      expect(permissions).toHaveLength(2);
      expect(permissions).toEqual(
        expect.arrayContaining(
          aliasIds.map((aliasId) => ({
            Action: 'lambda:InvokeFunction',
            FunctionName: { 'Fn::GetAtt': [fulfillmentId, 'Arn'] },
            Principal: 'lexv2.amazonaws.com',
            SourceArn: { 'Fn::GetAtt': [aliasId, 'Arn'] },
          })),
        ),
      );
    });
  });

  describe('permissions', () => {
    it('has one role, only Lex V2 can assume it, and both bots use it', () => {
      // Prepare
      const { template } = synthesize('telecom');
      // Act
      const role = single(template, 'AWS::IAM::Role', {
        AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'lexv2.amazonaws.com' } }] },
      });
      // Assess
      expect(obj(role.props['AssumeRolePolicyDocument'])['Statement']).toEqual([
        { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lexv2.amazonaws.com' } },
      ]);
      for (const name of BOTH) expect(botProps(template, name)['RoleArn']).toEqual({ 'Fn::GetAtt': [role.id, 'Arn'] });
    });

    it.each([false, true])('grants "*" only for polly:SynthesizeSpeech, which has no resource-level permission (logs: %s)', (logs) => {
      // Prepare
      const { template } = synthesize('telecom', logs);
      // Act
      const statements = allProps(template, 'AWS::IAM::ManagedPolicy')
        .filter((props) => JSON.stringify(props['Roles']).includes('LexBotsLexRole'))
        .flatMap((props) => arr(obj(props['PolicyDocument'])['Statement']).map(obj));
      // Assess
      const wildcard = statements.filter((statement) => [statement['Resource']].flat().includes('*'));
      expect(wildcard).toEqual([{ Sid: 'PollySpeech', Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' }]);
      expect(statements.some((statement) => JSON.stringify(statement['Action']).includes('logs:'))).toBe(logs);
    });

    it('writes text conversation logs to the given log group only, using its key only through CloudWatch Logs', () => {
      // Prepare
      const { template, logGroupId, keyId } = synthesize('telecom', true);
      // Act
      const aliases = allProps(template, 'AWS::Lex::BotAlias');
      const statements = arr(obj(single(template, 'AWS::IAM::ManagedPolicy').props['PolicyDocument'])['Statement']).map(obj);
      // Assess
      for (const alias of aliases) {
        const cloudWatch = {
          CloudWatchLogGroupArn: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
          LogPrefix: expect.stringMatching(/^Patient\w+\/$/),
        };
        expect(alias['ConversationLogSettings']).toEqual({
          TextLogSettings: [{ Enabled: true, Destination: { CloudWatch: cloudWatch } }],
        });
      }
      const logStatement = statements.find((statement) => JSON.stringify(statement['Action']).includes('logs:'));
      expect(logStatement?.['Action']).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      for (const resource of [logStatement?.['Resource']].flat()) expect(JSON.stringify(resource)).toContain(String(logGroupId));
      expect(statements.find((statement) => statement['Sid'] === 'ConversationLogKey')).toEqual({
        Sid: 'ConversationLogKey',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: { 'Fn::GetAtt': [keyId, 'Arn'] },
        Condition: {
          StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['logs.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
        },
      });
    });

    it('has no conversation logs unless a log group is given', () => {
      // Prepare
      const { template } = synthesize('telecom');
      // Act
      const aliases = allProps(template, 'AWS::Lex::BotAlias');
      // Assess
      for (const alias of aliases) expect(alias['ConversationLogSettings']).toBeUndefined();
    });

    it('refuses a key without the log group it encrypts', () => {
      // Prepare
      const stack = new Stack(new App(), 'KeyWithoutLogs');
      const fulfillment = fulfillmentFunction(stack);
      const encryptionKey = new kms.Key(stack, 'Key');
      // Act
      const create = (): LexBots => new LexBots(stack, 'LexBots', { fulfillment, searchStrategy: 'telecom', encryptionKey });
      // Assess
      expect(create).toThrow(/conversationLogGroup/);
    });

    it.each([false, true])('passes cdk-nag AwsSolutions, acknowledging only the Polly wildcard (logs: %s)', (withLogs) => {
      // Prepare
      const { stack, lexBots } = synthesize('name', withLogs);
      // Act
      const report = new AwsSolutionsChecks().validateScope(stack);
      // Assess
      const ours = report.violations.filter((violation) =>
        violation.violatingResources.some((resource) => resource.constructPath?.includes('/LexBots/') === true),
      );
      expect(ours).toEqual([]);
      const acknowledged = lexBots.rolePolicy.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.keys(obj(entry.data)));
      expect(acknowledged.map((id) => id.replace(/^annotation::/i, ''))).toEqual(['AwsSolutions-IAM5[Resource::*]']);
    });
  });
});
