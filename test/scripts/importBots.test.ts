import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BuildBotLocaleCommand,
  CreateBotAliasCommand,
  CreateBotVersionCommand,
  CreateUploadUrlCommand,
  DescribeBotLocaleCommand,
  DescribeBotVersionCommand,
  DescribeImportCommand,
  LexModelsV2Client,
  ListBotAliasesCommand,
  StartImportCommand,
  UpdateBotAliasCommand,
} from '@aws-sdk/client-lex-models-v2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../scripts/lib/cli';
import { importBots } from '../../scripts/import-bots';
import { capture, startUploadServer } from './support';

const lexMock = mockClient(LexModelsV2Client);
const ROLE = 'arn:aws:iam::111122223333:role/aws-service-role/lexv2.amazonaws.com/AWSServiceRoleForLexV2Bots_Clinic';
const LAMBDA = 'arn:aws:lambda:us-east-1:111122223333:function:clinic-ivr-fulfillment';
const instant = async () => undefined;
const deps = { lex: () => new LexModelsV2Client({ region: 'us-east-1' }), sleep: instant };

/** Lex answering as the API reference documents, with one "InProgress" poll before each success. */
function lexSucceeds(uploadUrl: string, existingAlias?: string): void {
  lexMock.on(CreateUploadUrlCommand).resolves({ importId: 'IMPORT1', uploadUrl });
  lexMock.on(StartImportCommand).resolves({ importId: 'IMPORT1', importStatus: 'InProgress', mergeStrategy: 'Overwrite' });
  lexMock.on(DescribeImportCommand).resolvesOnce({ importId: 'IMPORT1', importStatus: 'InProgress' }).resolves({ importId: 'IMPORT1', importStatus: 'Completed', importedResourceId: 'BOTID12345' });
  lexMock.on(BuildBotLocaleCommand).resolves({ botId: 'BOTID12345', botVersion: 'DRAFT', localeId: 'en_US', botLocaleStatus: 'Building' });
  lexMock.on(DescribeBotLocaleCommand).resolvesOnce({ botLocaleStatus: 'Building' }).resolves({ botLocaleStatus: 'Built' });
  lexMock.on(CreateBotVersionCommand).resolves({ botId: 'BOTID12345', botVersion: '3', botStatus: 'Versioning' });
  lexMock.on(DescribeBotVersionCommand).resolvesOnce({ botStatus: 'Versioning' }).resolves({ botStatus: 'Available' });
  lexMock.on(ListBotAliasesCommand).resolves({ botId: 'BOTID12345', botAliasSummaries: existingAlias ? [{ botAliasId: existingAlias, botAliasName: 'live', botVersion: '2' }] : [] });
  lexMock.on(CreateBotAliasCommand).resolves({ botAliasId: 'ALIAS12345', botAliasName: 'live' });
  lexMock.on(UpdateBotAliasCommand).resolves({ botAliasId: existingAlias, botAliasName: 'live' });
}

describe('import-bots', () => {
  let upload: Awaited<ReturnType<typeof startUploadServer>>;
  let scratch: string;

  beforeAll(async () => {
    upload = await startUploadServer();
    scratch = mkdtempSync(join(tmpdir(), 'import-bots-'));
  });
  afterEach(() => {
    lexMock.reset();
    upload.bodies.length = 0;
  });
  afterAll(async () => {
    await upload.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runs the whole import sequence, building every locale, and creates the alias with the Lambda code hook', async () => {
    // Prepare
    lexSucceeds(upload.url);
    const output = capture();
    // Act
    await importBots(['--bot', 'PatientAuth', '--region', 'us-east-1', '--role-arn', ROLE, '--lambda-arn', LAMBDA], output, deps);
    // Assess
    expect(upload.bodies).toHaveLength(1);
    expect(Object.keys(unzipSync(new Uint8Array(upload.bodies[0] as Buffer)))).toContain('manifest.json');
    expect(lexMock).toHaveReceivedCommandWith(StartImportCommand, {
      importId: 'IMPORT1',
      mergeStrategy: 'Overwrite',
      resourceSpecification: { botImportSpecification: expect.objectContaining({ botName: 'PatientAuth', roleArn: ROLE, dataPrivacy: { childDirected: false } }) },
    });
    const zipPaths = Object.keys(unzipSync(new Uint8Array(upload.bodies[0] as Buffer)));
    expect(zipPaths).toContain('PatientAuth/BotLocales/en_US/BotLocale.json');
    expect(zipPaths).toContain('PatientAuth/BotLocales/es_US/BotLocale.json');
    expect(lexMock).toHaveReceivedCommandWith(BuildBotLocaleCommand, { botId: 'BOTID12345', botVersion: 'DRAFT', localeId: 'en_US' });
    expect(lexMock).toHaveReceivedCommandWith(BuildBotLocaleCommand, { botId: 'BOTID12345', botVersion: 'DRAFT', localeId: 'es_US' });
    expect(lexMock).toHaveReceivedCommandWith(CreateBotVersionCommand, {
      botId: 'BOTID12345',
      botVersionLocaleSpecification: { en_US: { sourceBotVersion: 'DRAFT' }, es_US: { sourceBotVersion: 'DRAFT' } },
    });
    const codeHook = { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: LAMBDA, codeHookInterfaceVersion: '1.0' } } };
    expect(lexMock).toHaveReceivedCommandWith(CreateBotAliasCommand, {
      botId: 'BOTID12345',
      botAliasName: 'live',
      botVersion: '3',
      botAliasLocaleSettings: { en_US: codeHook, es_US: codeHook },
    });
    expect(output.lines.some((line) => line.includes('still waiting for the import'))).toBe(true);
  });

  it('updates the existing alias in place when re-run', async () => {
    lexSucceeds(upload.url, 'EXISTING01');
    await importBots(['--bot', 'PatientServices', '--region', 'us-east-1', '--role-arn', ROLE, '--lambda-arn', LAMBDA], capture(), deps);
    expect(lexMock).toHaveReceivedCommandWith(UpdateBotAliasCommand, { botAliasId: 'EXISTING01', botVersion: '3' });
    expect(lexMock).not.toHaveReceivedCommand(CreateBotAliasCommand);
  });

  it('reports a failed import with its reasons and stops', async () => {
    lexSucceeds(upload.url);
    lexMock.on(DescribeImportCommand).resolves({ importStatus: 'Failed', failureReasons: ['Slot type GenderType is invalid', 'Intent Help has no utterances'] });
    const failure = importBots(['--bot', 'PatientAuth', '--region', 'us-east-1', '--role-arn', ROLE], capture(), deps);
    await expect(failure).rejects.toThrow(new CliError('PatientAuth: import failed: Slot type GenderType is invalid; Intent Help has no utterances'));
    expect(lexMock).not.toHaveReceivedCommand(BuildBotLocaleCommand);
  });

  it('reports a failed build with its reasons', async () => {
    lexSucceeds(upload.url);
    lexMock.on(DescribeBotLocaleCommand).resolves({ botLocaleStatus: 'Failed', failureReasons: ['Utterance "1" conflicts'] });
    await expect(importBots(['--all', '--region', 'us-east-1', '--role-arn', ROLE], capture(), deps)).rejects.toThrow(/build of en_US failed: Utterance "1" conflicts/);
  });

  it('gives up after the bounded wait', async () => {
    lexSucceeds(upload.url);
    lexMock.on(DescribeImportCommand).resolves({ importStatus: 'InProgress' });
    const failure = importBots(['--bot', 'PatientAuth', '--region', 'us-east-1', '--role-arn', ROLE, '--timeout-seconds', '20'], capture(), deps);
    await expect(failure).rejects.toThrow(/timed out after 20 s waiting for the import of PatientAuth/);
    // 20 s at one poll every 5 s: 5 looks, bounded.
    expect(lexMock.commandCalls(DescribeImportCommand)).toHaveLength(5);
  });

  it('turns a missing permission into a message that says so', async () => {
    lexMock.on(CreateUploadUrlCommand).rejects(Object.assign(new Error('User: arn:aws:iam::111122223333:user/admin is not authorized to perform: lex:CreateUploadUrl'), { name: 'AccessDeniedException' }));
    await expect(importBots(['--bot', 'PatientAuth', '--region', 'us-east-1', '--role-arn', ROLE], capture(), deps)).rejects.toThrow(/PatientAuth: missing permission: .*lex:CreateUploadUrl/);
  });

  it('refuses an upload the server rejects', async () => {
    const refusing = await startUploadServer(403);
    try {
      lexSucceeds(refusing.url);
      await expect(importBots(['--bot', 'PatientAuth', '--region', 'us-east-1', '--role-arn', ROLE], capture(), deps)).rejects.toThrow(/upload of the zip failed with HTTP 403/);
    } finally {
      await refusing.close();
    }
  });

  it('writes the zips and prints the plan on a dry run, calling nothing', async () => {
    const output = capture();
    const out = join(scratch, 'bots.zip');
    await importBots(['--all', '--dry-run', '--out', out], output, deps);
    expect(lexMock.calls()).toHaveLength(0);
    for (const name of ['PatientAuth', 'PatientServices']) {
      const files = unzipSync(new Uint8Array(readFileSync(join(scratch, `bots-${name}.zip`))));
      expect(Object.keys(files)).toContain(`${name}/Bot.json`);
    }
    expect(output.lines.join('\n')).toMatch(/plan for PatientAuth: CreateUploadUrl -> PUT zip -> StartImport \(Overwrite\)/);
    expect(output.lines.at(-1)).toBe('dry run: nothing was sent to AWS.');
  });

  it('refuses unknown bots and missing flags as usage errors', async () => {
    await expect(importBots(['--bot', 'Nope', '--dry-run'], capture(), deps)).rejects.toMatchObject({ exitCode: 2 });
    await expect(importBots(['--all', '--role-arn', ROLE], capture(), deps)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('missing --region') });
  });
});
