import { CloudFormationClient, CloudFormationServiceException, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AccessDeniedException,
  AssociateBotCommand,
  AssociateLambdaFunctionCommand,
  ConnectClient,
  CreateContactFlowCommand,
  InvalidContactFlowException,
  ListBotsCommand,
  ListContactFlowsCommand,
  ListLambdaFunctionsCommand,
  ResourceConflictException,
  UpdateContactFlowContentCommand,
} from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_DESCRIPTIONS, FLOWS, placeholderSourcesOf, renderContactFlow, validateContactFlow, type PlaceholderSource } from '../../contact-flows/render';
import { STACK_ID } from '../../infra/lib/clinicIvrApp';
import { DEFAULT_STACK_NAME, flagOf, importFlows } from '../../scripts/import-flows';
import { capture } from './support';

const connectMock = mockClient(ConnectClient);
const cloudFormationMock = mockClient(CloudFormationClient);
const deps = {
  connect: () => new ConnectClient({ region: 'us-east-1' }),
  cloudFormation: () => new CloudFormationClient({ region: 'us-east-1' }),
};
/** Dependencies that fail if a client is even built: a dry run must need no AWS at all. */
const noAws = {
  connect: () => {
    throw new Error('a dry run built a Connect client');
  },
  cloudFormation: () => {
    throw new Error('a dry run built a CloudFormation client');
  },
};

const INSTANCE = '2a3c1e6f-7b8d-4e9f-a0b1-c2d3e4f5a6b7';
const AUTH = 'arn:aws:lex:us-east-1:111122223333:bot-alias/AUTHBOT123/LIVEALIAS1';
const SERVICES = 'arn:aws:lex:us-east-1:111122223333:bot-alias/SVCSBOT456/LIVEALIAS2';
const QUEUE = `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}/queue/7c1f0d2e-3b4a-4c5d-8e6f-708192a3b4c5`;
const CAPTURE = 'arn:aws:lambda:us-east-1:111122223333:function:ClinicIvr-SymptomCaptureFunction';
const TARGET = ['--instance-id', INSTANCE, '--region', 'us-east-1'];

/** The ARN each placeholder gets in these tests; a placeholder added to the table later gets one by its kind. */
function arnOf(source: PlaceholderSource & { placeholder: string }): string {
  const known: Record<string, string> = { PatientAuthBotAliasArn: AUTH, PatientServicesBotAliasArn: SERVICES, TransferQueueArn: QUEUE, SymptomCaptureFunctionArn: CAPTURE };
  if (known[source.placeholder]) return known[source.placeholder] as string;
  if (source.kind === 'lambdaFunction') return `arn:aws:lambda:us-east-1:111122223333:function:clinic-ivr-${flagOf(source.placeholder)}`;
  if (source.kind === 'lexBotAlias') return `arn:aws:lex:us-east-1:111122223333:bot-alias/OTHERBOT01/${source.placeholder.slice(0, 10).toUpperCase()}`;
  return `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}/queue/00000000-0000-4000-8000-0000000000aa`;
}

/** Every placeholder of every flow, each once: what a full import needs. */
const SOURCES = [...new Map(Object.values(FLOWS).flatMap(placeholderSourcesOf).map((source) => [source.placeholder, source])).values()];

/** The ARN flags of every placeholder but the ones named. */
function arnFlags(...except: string[]): string[] {
  return SOURCES.filter((source) => !except.includes(source.placeholder)).flatMap((source) => [`--${flagOf(source.placeholder)}`, arnOf(source)]);
}

/** What `renderContactFlow` makes of the test ARNs: what Connect must receive. */
function expectedContent(flow: (typeof FLOWS)[keyof typeof FLOWS] = FLOWS.patientIvr): string {
  return renderContactFlow(flow, Object.fromEntries(placeholderSourcesOf(flow).map((source) => [source.placeholder, arnOf(source)])));
}

/** Connect with nothing associated and no flow of ours, answering as its API reference documents. */
function emptyInstance(): void {
  connectMock.on(ListBotsCommand).resolves({ LexBots: [] });
  connectMock.on(ListLambdaFunctionsCommand).resolves({ LambdaFunctions: [] });
  connectMock.on(AssociateBotCommand).resolves({});
  connectMock.on(AssociateLambdaFunctionCommand).resolves({});
  connectMock.on(ListContactFlowsCommand).resolves({
    ContactFlowSummaryList: [
      { Id: 'b1d2c3e4-0000-4000-8000-000000000001', Name: 'Default customer queue', ContactFlowType: 'CUSTOMER_QUEUE', ContactFlowState: 'ACTIVE', ContactFlowStatus: 'PUBLISHED' },
    ],
  });
  connectMock.on(CreateContactFlowCommand).resolves({
    ContactFlowId: 'f1e2d3c4-5b6a-4798-8a9b-0c1d2e3f4a5b',
    ContactFlowArn: `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}/contact-flow/f1e2d3c4-5b6a-4798-8a9b-0c1d2e3f4a5b`,
  });
}

/** The stack as DescribeStacks returns it, with these outputs. */
function stackWithOutputs(outputs: Record<string, string>): void {
  cloudFormationMock.on(DescribeStacksCommand).resolves({
    Stacks: [
      {
        StackName: 'ClinicIvr',
        StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/ClinicIvr/0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9',
        StackStatus: 'UPDATE_COMPLETE',
        CreationTime: new Date('2025-01-15T10:00:00Z'),
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue, Description: `${OutputKey} of the stack` })),
      },
    ],
  });
}

/** The JSON document printed by a dry run. */
function printedFlow(lines: readonly string[]): unknown {
  const json = lines.find((line) => line.startsWith('{'));
  expect(json).toBeDefined();
  return JSON.parse(json as string);
}

describe('import-flows', () => {
  afterEach(() => {
    connectMock.reset();
    cloudFormationMock.reset();
  });

  it('associates both bot aliases and the capture function, then creates the flow with the rendered content, on a first import', async () => {
    // Prepare
    emptyInstance();
    const output = capture();
    // Act
    await importFlows([...TARGET, ...arnFlags()], output, deps);
    // Assess
    expect(connectMock).toHaveReceivedCommandWith(ListBotsCommand, { InstanceId: INSTANCE, LexVersion: 'V2' });
    expect(connectMock).toHaveReceivedCommandWith(AssociateBotCommand, { InstanceId: INSTANCE, LexV2Bot: { AliasArn: AUTH } });
    expect(connectMock).toHaveReceivedCommandWith(AssociateBotCommand, { InstanceId: INSTANCE, LexV2Bot: { AliasArn: SERVICES } });
    expect(connectMock).toHaveReceivedCommandWith(ListLambdaFunctionsCommand, { InstanceId: INSTANCE });
    expect(connectMock).toHaveReceivedCommandWith(AssociateLambdaFunctionCommand, { InstanceId: INSTANCE, FunctionArn: CAPTURE });
    expect(connectMock).toHaveReceivedCommandWith(ListContactFlowsCommand, { InstanceId: INSTANCE, ContactFlowTypes: ['CONTACT_FLOW'] });
    expect(connectMock).toHaveReceivedCommandWith(CreateContactFlowCommand, {
      InstanceId: INSTANCE,
      Type: 'CONTACT_FLOW',
      Name: 'patient-ivr',
      Description: FLOW_DESCRIPTIONS[FLOWS.patientIvr],
      Content: expectedContent(),
    });
    expect(connectMock).not.toHaveReceivedCommand(UpdateContactFlowContentCommand);
    const order = connectMock.calls().map((call) => call.args[0].constructor.name);
    expect(order.lastIndexOf('AssociateBotCommand')).toBeLessThan(order.indexOf('CreateContactFlowCommand'));
    expect(order.lastIndexOf('AssociateLambdaFunctionCommand')).toBeLessThan(order.indexOf('CreateContactFlowCommand'));
    // Every ARN came from a flag: the stack was not read.
    expect(cloudFormationMock.calls()).toHaveLength(0);
    expect(output.lines).toContain('patient-ivr: created flow f1e2d3c4-5b6a-4798-8a9b-0c1d2e3f4a5b (' + `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}/contact-flow/f1e2d3c4-5b6a-4798-8a9b-0c1d2e3f4a5b)`);
  });

  it('creates the care-team-task flow beside patient-ivr, with its two queues, which need no association', async () => {
    // Prepare
    emptyInstance();
    const output = capture();
    const careTeam = `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}/queue/0a0a0a0a-0000-4000-8000-00000000c001`;
    const urgent = `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}/queue/0a0a0a0a-0000-4000-8000-00000000c002`;
    // Act
    await importFlows([...TARGET, ...arnFlags('CareTeamQueueArn', 'UrgentQueueArn'), '--care-team-queue-arn', careTeam, '--urgent-queue-arn', urgent], output, deps);
    // Assess
    expect(connectMock).toHaveReceivedCommandWith(CreateContactFlowCommand, {
      InstanceId: INSTANCE,
      Type: 'CONTACT_FLOW',
      Name: 'care-team-task',
      Description: FLOW_DESCRIPTIONS[FLOWS.careTeamTask],
      Content: renderContactFlow(FLOWS.careTeamTask, { CareTeamQueueArn: careTeam, UrgentQueueArn: urgent }),
    });
    expect(connectMock).toHaveReceivedCommandTimes(CreateContactFlowCommand, 2);
    expect(connectMock).toHaveReceivedCommandTimes(AssociateBotCommand, 2);
    expect(connectMock).toHaveReceivedCommandTimes(AssociateLambdaFunctionCommand, 1);
    expect(output.lines).toContain('care-team-task: rendered and checked (CareTeamQueueArn from --care-team-queue-arn, UrgentQueueArn from --urgent-queue-arn)');
  });

  it('only updates the content of the flow of that name when re-run, reading every page of the lists', async () => {
    // Prepare
    emptyInstance();
    connectMock
      .on(ListBotsCommand)
      .resolvesOnce({ LexBots: [{ LexV2Bot: { AliasArn: AUTH } }], NextToken: 'bots-page-2' })
      .resolves({ LexBots: [{ LexV2Bot: { AliasArn: SERVICES } }, { LexBot: { Name: 'LegacyV1Bot', LexRegion: 'us-east-1' } }] });
    connectMock.on(ListLambdaFunctionsCommand).resolves({ LambdaFunctions: [CAPTURE] });
    connectMock
      .on(ListContactFlowsCommand)
      .resolvesOnce({ ContactFlowSummaryList: [{ Id: 'aaaa', Name: 'Sample inbound flow (first contact experience)', ContactFlowType: 'CONTACT_FLOW' }], NextToken: 'flows-page-2' })
      .resolves({
        ContactFlowSummaryList: [
          { Id: 'f1e2d3c4-5b6a-4798-8a9b-0c1d2e3f4a5b', Name: 'patient-ivr', ContactFlowType: 'CONTACT_FLOW', ContactFlowState: 'ACTIVE' },
          { Id: 'c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f', Name: 'care-team-task', ContactFlowType: 'CONTACT_FLOW', ContactFlowState: 'ACTIVE' },
        ],
      });
    connectMock.on(UpdateContactFlowContentCommand).resolves({});
    const output = capture();
    // Act
    await importFlows([...TARGET, ...arnFlags()], output, deps);
    // Assess
    expect(connectMock).toHaveReceivedCommandWith(ListBotsCommand, { InstanceId: INSTANCE, LexVersion: 'V2', NextToken: 'bots-page-2' });
    expect(connectMock).toHaveReceivedCommandWith(ListContactFlowsCommand, { InstanceId: INSTANCE, NextToken: 'flows-page-2' });
    expect(connectMock).toHaveReceivedCommandWith(UpdateContactFlowContentCommand, {
      InstanceId: INSTANCE,
      ContactFlowId: 'f1e2d3c4-5b6a-4798-8a9b-0c1d2e3f4a5b',
      Content: expectedContent(),
    });
    expect(connectMock).toHaveReceivedCommandWith(UpdateContactFlowContentCommand, {
      InstanceId: INSTANCE,
      ContactFlowId: 'c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
      Content: expectedContent(FLOWS.careTeamTask),
    });
    expect(connectMock).not.toHaveReceivedCommand(AssociateBotCommand);
    expect(connectMock).not.toHaveReceivedCommand(AssociateLambdaFunctionCommand);
    expect(connectMock).not.toHaveReceivedCommand(CreateContactFlowCommand);
    expect(output.lines).toContain(`Lex V2 bot alias ${AUTH}: already associated with the instance`);
  });

  it('takes the bot alias ARNs from the outputs of the deployed stack when no flag gives them', async () => {
    // Prepare
    emptyInstance();
    stackWithOutputs({ JwksUrl: 'https://example.lambda-url.us-east-1.on.aws/', PatientAuthAliasArn: AUTH, PatientServicesAliasArn: SERVICES });
    const output = capture();
    // Act
    await importFlows([...TARGET, '--stack-name', 'ClinicIvrProd', ...arnFlags('PatientAuthBotAliasArn', 'PatientServicesBotAliasArn')], output, deps);
    // Assess
    expect(cloudFormationMock).toHaveReceivedCommandWith(DescribeStacksCommand, { StackName: 'ClinicIvrProd' });
    expect(connectMock).toHaveReceivedCommandWith(AssociateBotCommand, { InstanceId: INSTANCE, LexV2Bot: { AliasArn: AUTH } });
    expect(connectMock).toHaveReceivedCommandWith(CreateContactFlowCommand, { Content: expectedContent() });
    expect(output.lines.join('\n')).toContain('PatientAuthBotAliasArn from stack output PatientAuthAliasArn');
  });

  it('reads the stack named like the CDK app by default', async () => {
    // Prepare
    emptyInstance();
    stackWithOutputs({ PatientAuthAliasArn: AUTH, PatientServicesAliasArn: SERVICES });
    // Act
    await importFlows([...TARGET, ...arnFlags('PatientAuthBotAliasArn', 'PatientServicesBotAliasArn')], capture(), deps);
    // Assess
    expect(DEFAULT_STACK_NAME).toBe(STACK_ID);
    expect(cloudFormationMock).toHaveReceivedCommandWith(DescribeStacksCommand, { StackName: STACK_ID });
  });

  it('names the flag and the stack output of an ARN found in neither, and changes nothing', async () => {
    // Prepare
    emptyInstance();
    stackWithOutputs({ PatientAuthAliasArn: AUTH });
    // Act
    const failure = importFlows([...TARGET, ...arnFlags('PatientAuthBotAliasArn', 'PatientServicesBotAliasArn')], capture(), deps);
    // Assess
    await expect(failure).rejects.toMatchObject({ exitCode: 1, message: expect.stringMatching(/PatientServicesBotAliasArn .*--patient-services-bot-alias-arn ARN or deploy stack ClinicIvr with output PatientServicesAliasArn/) });
    expect(connectMock.calls()).toHaveLength(0);
  });

  it('says when the stack does not exist and what to do instead', async () => {
    // Prepare
    cloudFormationMock.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({ name: 'ValidationError', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Stack with id ClinicIvr does not exist' }),
    );
    // Act
    const failure = importFlows([...TARGET, ...arnFlags('PatientAuthBotAliasArn')], capture(), deps);
    // Assess
    await expect(failure).rejects.toThrow(/stack ClinicIvr not found in us-east-1: deploy it with CDK, name it with --stack-name, or give --patient-auth-bot-alias-arn/);
    expect(connectMock.calls()).toHaveLength(0);
  });

  it('turns a missing permission into a message that names it, before any flow is written', async () => {
    // Prepare
    emptyInstance();
    connectMock.on(ListBotsCommand).rejects(
      new AccessDeniedException({
        $metadata: { httpStatusCode: 403 },
        message: `User: arn:aws:iam::111122223333:user/admin is not authorized to perform: connect:ListBots on resource: arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}`,
      }),
    );
    // Act
    const failure = importFlows([...TARGET, ...arnFlags()], capture(), deps);
    // Assess
    await expect(failure).rejects.toThrow(/listing the Lex V2 bots of the instance: missing permission: .*connect:ListBots/);
    expect(connectMock).not.toHaveReceivedCommand(CreateContactFlowCommand);
    expect(connectMock).not.toHaveReceivedCommand(UpdateContactFlowContentCommand);
  });

  it('takes an association made meanwhile as done', async () => {
    // Prepare
    emptyInstance();
    connectMock.on(AssociateBotCommand, { LexV2Bot: { AliasArn: AUTH } }).rejects(new ResourceConflictException({ $metadata: { httpStatusCode: 409 }, message: 'The bot is already associated' }));
    const output = capture();
    // Act
    await importFlows([...TARGET, ...arnFlags()], output, deps);
    // Assess
    expect(output.lines).toContain(`Lex V2 bot alias ${AUTH}: already associated with the instance`);
    expect(connectMock).toHaveReceivedCommand(CreateContactFlowCommand);
  });

  it('prints the problems Connect finds in the flow', async () => {
    // Prepare
    emptyInstance();
    connectMock.on(CreateContactFlowCommand).rejects(
      new InvalidContactFlowException({
        $metadata: { httpStatusCode: 400 },
        message: 'The flow is not valid.',
        problems: [{ message: 'Invalid Lex bot alias ARN in action auth-bot' }, { message: 'Queue not found in action set-transfer-queue' }],
      }),
    );
    // Act
    const failure = importFlows([...TARGET, ...arnFlags()], capture(), deps);
    // Assess
    await expect(failure).rejects.toThrow(/patient-ivr: creating the flow: Connect rejected the flow:\n {2}Invalid Lex bot alias ARN in action auth-bot\n {2}Queue not found in action set-transfer-queue/);
  });

  it('refuses an ARN of the wrong kind or of another instance before calling AWS', async () => {
    // Prepare
    const lambdaArn = 'arn:aws:lambda:us-east-1:111122223333:function:clinic-ivr-fulfillment';
    const otherQueue = QUEUE.replace(INSTANCE, '99999999-9999-4999-8999-999999999999');
    // Act
    const wrongKind = importFlows([...TARGET, ...arnFlags('PatientAuthBotAliasArn'), '--patient-auth-bot-alias-arn', lambdaArn], capture(), deps);
    const otherInstance = importFlows([...TARGET, ...arnFlags('TransferQueueArn'), '--transfer-queue-arn', otherQueue], capture(), deps);
    // Assess
    await expect(wrongKind).rejects.toThrow(/PatientAuthBotAliasArn \(from --patient-auth-bot-alias-arn\) is not a Lex V2 bot alias ARN/);
    await expect(otherInstance).rejects.toThrow(/TransferQueueArn \(from --transfer-queue-arn\) is a queue of another instance/);
    expect(connectMock.calls()).toHaveLength(0);
  });

  it('accepts the instance ARN in place of its id', async () => {
    // Prepare
    emptyInstance();
    // Act
    await importFlows(['--instance-id', `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE}`, '--region', 'us-east-1', ...arnFlags()], capture(), deps);
    // Assess
    expect(connectMock).toHaveReceivedCommandWith(CreateContactFlowCommand, { InstanceId: INSTANCE });
  });

  it('prints the rendered flow and the plan on a dry run, without AWS', async () => {
    // Prepare
    const output = capture();
    // Act
    await importFlows(['--dry-run', ...arnFlags()], output, noAws);
    // Assess
    const printed = printedFlow(output.lines);
    expect(printed).toEqual(JSON.parse(expectedContent()));
    expect(JSON.stringify(printed)).not.toMatch(/\$\{[A-Za-z_]+\}/);
    expect(validateContactFlow(JSON.stringify(printed))).toEqual([]);
    const text = output.lines.join('\n');
    expect(text).toContain(`associate Lex V2 bot alias ${AUTH}`);
    expect(text).toContain('which one is unknown without AWS');
    expect(output.lines.at(-1)).toBe('dry run: nothing was sent to AWS.');
    expect(connectMock.calls()).toHaveLength(0);
    expect(cloudFormationMock.calls()).toHaveLength(0);
  });

  it('puts the after-hours nurse number into patient-ivr when given, and refuses one that is not E.164', async () => {
    // Prepare
    const output = capture();
    // Act
    await importFlows(['--dry-run', ...arnFlags(), '--after-hours-nurse-number', '+16085550199'], output, noAws);
    const refused = importFlows(['--dry-run', ...arnFlags(), '--after-hours-nurse-number', '6085550199'], capture(), noAws);
    // Assess
    const printed = printedFlow(output.lines) as { Actions: { Identifier: string; Parameters?: Record<string, unknown> }[] };
    const setter = printed.Actions.find((action) => action.Identifier === 'triage-after-hours-number');
    expect(setter?.Parameters).toEqual({ FlowAttributes: { afterHoursNurseNumber: { Value: '+16085550199' } } });
    await expect(refused).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('is not an E.164 number') });
  });

  it('puts the default language into patient-ivr when given, and refuses a language no bot locale speaks', async () => {
    // Prepare
    const output = capture();
    // Act
    await importFlows(['--dry-run', ...arnFlags(), '--default-language', 'es-US'], output, noAws);
    const refused = importFlows(['--dry-run', ...arnFlags(), '--default-language', 'fr-CA'], capture(), noAws);
    // Assess
    const printed = printedFlow(output.lines) as { Actions: { Identifier: string; Parameters?: Record<string, unknown> }[] };
    expect(printed.Actions.find((action) => action.Identifier === 'line-language')?.Parameters).toEqual({ FlowAttributes: { lineLanguage: { Value: 'es-US' } } });
    await expect(refused).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('is not en-US or es-US') });
  });

  it('shows example ARNs on a dry run only when asked to, and otherwise names the missing flags', async () => {
    // Prepare
    const output = capture();
    // Act
    const refused = importFlows(['--dry-run'], capture(), noAws);
    await importFlows(['--dry-run', '--example-arns', ...arnFlags('PatientAuthBotAliasArn', 'TransferQueueArn')], output, noAws);
    // Assess
    await expect(refused).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--patient-auth-bot-alias-arn, --patient-services-bot-alias-arn, --transfer-queue-arn') });
    const printed = JSON.stringify(printedFlow(output.lines));
    expect(printed).toContain('arn:aws:lex:us-east-1:111122223333:bot-alias/EXAMPLEBOT/');
    expect(printed).toContain(SERVICES);
    expect(validateContactFlow(printed)).toEqual([]);
    expect(output.lines.join('\n')).toContain('EXAMPLE ARN, not deployable');
  });

  it('refuses bad usage with exit code 2', async () => {
    await expect(importFlows(['--region', 'us-east-1', ...arnFlags()], capture(), deps)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('missing --instance-id') });
    await expect(importFlows([...TARGET, '--flow', 'nope', ...arnFlags()], capture(), deps)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('unknown flow nope') });
    await expect(importFlows(['--instance-id', INSTANCE, '--region', 'Virginia', ...arnFlags()], capture(), deps)).rejects.toMatchObject({ exitCode: 2 });
    await expect(importFlows([...TARGET, '--queue', QUEUE], capture(), deps)).rejects.toMatchObject({ exitCode: 2 });
    await expect(importFlows([...TARGET, '--example-arns'], capture(), deps)).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--example-arns goes with --dry-run only') });
    expect(connectMock.calls()).toHaveLength(0);
  });

  it('lists every placeholder flag with its stack output in --help', async () => {
    // Prepare
    const output = capture();
    // Act
    await importFlows(['--help'], output, noAws);
    // Assess
    for (const source of SOURCES) {
      expect(output.lines[0]).toContain(`--${flagOf(source.placeholder)}`);
      if (source.stackOutput) expect(output.lines[0]).toContain(`stack output ${source.stackOutput}`);
    }
  });
});
