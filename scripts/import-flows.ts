import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AssociateBotCommand,
  AssociateLambdaFunctionCommand,
  ConnectClient,
  CreateContactFlowCommand,
  ListBotsCommand,
  ListContactFlowsCommand,
  ListLambdaFunctionsCommand,
  UpdateContactFlowContentCommand,
} from '@aws-sdk/client-connect';
import {
  E164_NUMBER,
  isContactLanguage,
  FLOW_DESCRIPTIONS,
  FLOWS,
  placeholderSourcesOf,
  renderContactFlow,
  validateContactFlow,
  type FlowName,
  type FlowSettings,
  type PlaceholderKind,
  type PlaceholderSource,
} from '../contact-flows/render';
import { CliError, describeAwsError, isMain, parseFlags, required, runCli, type Output } from './lib/cli';

/** Name of the CDK stack whose outputs fill placeholders no flag gives; `STACK_ID` of infra/lib/clinicIvrApp.ts (not imported: that loads all of CDK). */
export const DEFAULT_STACK_NAME = 'ClinicIvr';

/** Pages read from one paginated list before giving up: the lists are small, an endless one is a bug. */
const MAX_PAGES = 100;

/** Page sizes, the maximum each API reference allows. */
const PAGE_SIZE = { flows: 1000, bots: 25, lambdas: 25 } as const;

/** Per kind: the ARN shape a value must have, what it is called in messages, and an obviously fake example. */
const KINDS: Readonly<Record<PlaceholderKind, { pattern: RegExp; what: string; example: (region: string, placeholder: string, instanceId: string | undefined) => string }>> = {
  lexBotAlias: {
    pattern: /^arn:aws[a-z-]*:lex:[a-z0-9-]+:\d{12}:bot-alias\/[A-Za-z0-9]+\/[A-Za-z0-9]+$/,
    what: 'Lex V2 bot alias',
    example: (region, placeholder) => `arn:aws:lex:${region}:111122223333:bot-alias/EXAMPLEBOT/${placeholder.replace(/BotAliasArn$|Arn$/, '')}`,
  },
  lambdaFunction: {
    pattern: /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/,
    what: 'Lambda function',
    example: (region, placeholder) => `arn:aws:lambda:${region}:111122223333:function:example-${flagOf(placeholder).replace(/-arn$/, '')}`,
  },
  queue: {
    pattern: /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/[0-9a-f-]+\/queue\/[0-9a-f-]+$/,
    what: 'queue',
    example: (region, _placeholder, instanceId) =>
      `arn:aws:connect:${region}:111122223333:instance/${instanceId ?? '00000000-0000-4000-8000-000000000000'}/queue/00000000-0000-4000-8000-000000000001`,
  },
};

const ALL_FLOWS: readonly FlowName[] = Object.values(FLOWS);

/** The placeholders of these flows, each once, in order. */
function placeholdersOf(flows: readonly FlowName[]): (PlaceholderSource & { readonly placeholder: string })[] {
  return [...new Map(flows.flatMap(placeholderSourcesOf).map((source) => [source.placeholder, source])).values()];
}

const ALL_PLACEHOLDERS = placeholdersOf(ALL_FLOWS);

/**
 * The flag of a placeholder, its name in kebab case.
 *
 * @example
 * flagOf('TransferQueueArn'); // 'transfer-queue-arn'
 */
export function flagOf(placeholder: string): string {
  return placeholder.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** `--help` text; its placeholder list comes from `PLACEHOLDER_SOURCES`. */
export const USAGE = `npm run import-flows -- --instance-id ID --region R [--stack-name ${DEFAULT_STACK_NAME}] [--flow NAME ...]
                        [--<placeholder>-arn ARN ...] [--after-hours-nurse-number E164] [--default-language en-US|es-US]
                        [--dry-run [--example-arns]]

Imports the contact flows of contact-flows/ (${ALL_FLOWS.join(', ')}) into an Amazon Connect instance
without CDK, from the same templates CDK deploys. Fills each \${Placeholder} with an ARN from its flag or,
when the flag is not given, from the outputs of the deployed CDK stack (--stack-name), checks the flow,
associates the Lex V2 bot aliases and Lambda functions it names with the instance (unless already
associated), then updates the flow of the same name or creates it. Re-running updates in place.
--instance-id takes the instance id or its ARN. --dry-run prints the rendered flow and the plan without
calling AWS; ARNs then come from flags only, and --example-arns fills missing ones with example ARNs.
--after-hours-nurse-number (optional, E.164, e.g. +16085550199): where patient-ivr transfers an urgent
caller when the urgent queue is closed or full (CDK context afterHoursNurseNumber); without it the
caller hears the 911 advice again and the call ends politely.
--default-language (optional, en-US or es-US; default en-US): the language a call to patient-ivr starts in
(CDK context defaultLanguage); es-US greets in Spanish and offers English, en-US greets in English and
offers Spanish.

Placeholders:
${ALL_PLACEHOLDERS.map((source) => `  --${flagOf(source.placeholder).padEnd(32)} ${KINDS[source.kind].what}: ${source.description}${source.stackOutput ? ` (else stack output ${source.stackOutput})` : ' (flag only)'}`).join('\n')}`;

/** What the import needs besides flags; tests substitute the clients. */
export interface ImportFlowsDeps {
  readonly connect?: (region: string) => ConnectClient;
  readonly cloudFormation?: (region: string) => CloudFormationClient;
}

/** One placeholder of a flow with the ARN it gets and where that came from. */
interface Filled extends PlaceholderSource {
  readonly placeholder: string;
  readonly arn: string;
  readonly from: string;
}

/** A flow ready to send: rendered and checked. */
interface Rendered {
  readonly flow: FlowName;
  readonly content: string;
  readonly filled: readonly Filled[];
}

/** `import-flows`. */
export async function importFlows(argv: string[], output: Output, deps: ImportFlowsDeps = {}): Promise<void> {
  const flags: Readonly<Record<string, string | boolean | string[] | undefined>> = parseFlags(
    argv,
    {
      'instance-id': { type: 'string' },
      region: { type: 'string' },
      'stack-name': { type: 'string', default: DEFAULT_STACK_NAME },
      flow: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      'example-arns': { type: 'boolean' },
      'after-hours-nurse-number': { type: 'string' },
      'default-language': { type: 'string' },
      help: { type: 'boolean' },
      ...Object.fromEntries(ALL_PLACEHOLDERS.map((source) => [flagOf(source.placeholder), { type: 'string' as const }])),
    },
    USAGE,
  );
  if (flags['help']) {
    output.out(USAGE);
    return;
  }
  if (flags['example-arns'] && !flags['dry-run']) throw new CliError('--example-arns goes with --dry-run only: example ARNs are never sent to AWS', 2);
  const wanted = (flags['flow'] as string[] | undefined) ?? [];
  const unknown = wanted.filter((name) => !ALL_FLOWS.some((flow) => flow === name));
  if (unknown.length > 0) throw new CliError(`unknown flow ${unknown.join(', ')}; known: ${ALL_FLOWS.join(', ')}`, 2);
  const flows = wanted.length > 0 ? ALL_FLOWS.filter((flow) => wanted.includes(flow)) : ALL_FLOWS;
  const regionFlag = flags['region'] as string | undefined;
  if (regionFlag !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(regionFlag)) throw new CliError(`--region ${regionFlag} is not a region name (e.g. us-east-1)`, 2);
  const instanceId = instanceIdOf(flags['instance-id'] as string | undefined);
  const afterHoursNurseNumber = flags['after-hours-nurse-number'] as string | undefined;
  if (afterHoursNurseNumber !== undefined && !E164_NUMBER.test(afterHoursNurseNumber)) {
    throw new CliError(`--after-hours-nurse-number ${afterHoursNurseNumber} is not an E.164 number (e.g. +16085550199)`, 2);
  }
  const defaultLanguage = flags['default-language'] as string | undefined;
  if (defaultLanguage !== undefined && !isContactLanguage(defaultLanguage)) throw new CliError(`--default-language ${defaultLanguage} is not en-US or es-US`, 2);
  const settings: FlowSettings = {
    ...(afterHoursNurseNumber === undefined ? {} : { afterHoursNurseNumber }),
    ...(defaultLanguage === undefined ? {} : { defaultLanguage }),
  };
  const fromFlags = new Map(
    ALL_PLACEHOLDERS.flatMap((source) => {
      const value = flags[flagOf(source.placeholder)];
      return typeof value === 'string' && value !== '' ? [[source.placeholder, value] as const] : [];
    }),
  );
  const needed = placeholdersOf(flows);

  if (flags['dry-run']) {
    dryRun({ output, flows, needed, fromFlags, instanceId, region: regionFlag, exampleArns: flags['example-arns'] === true, settings });
    return;
  }

  const region = required(regionFlag, 'region', USAGE);
  const instance = required(instanceId, 'instance-id', USAGE);
  const values = await resolveArns({ output, deps, needed, fromFlags, region, stackName: flags['stack-name'] as string });
  // Every flow is rendered and checked before the first call that changes anything.
  const rendered = flows.map((flow) => renderChecked(flow, values, instance, settings));
  for (const { flow, filled } of rendered) {
    output.out(`${flow}: rendered and checked (${filled.map((value) => `${value.placeholder} from ${value.from}`).join(', ')})`);
  }

  const connect = deps.connect?.(region) ?? new ConnectClient({ region });
  const aws: Aws = (what, call) => withAwsErrors(what, region, call);
  await associate({ connect, output, instance, rendered, aws });
  for (const { flow, content } of rendered) await upsertFlow({ connect, output, instance, flow, content, aws });
  output.out(
    'done. A new patient-ivr flow answers no number yet: attach a phone number to it in the Connect console. The ' +
      "care-team-task flow runs the care team's tasks: the symptom workers name it by its ARN (CONNECT_TASK_FLOW_ARN; CDK sets it).",
  );
}

/** A dry run: ARNs from flags (or examples when asked for), the rendered flows and the plan; no AWS client is even built. */
function dryRun(input: {
  output: Output;
  flows: readonly FlowName[];
  needed: readonly (PlaceholderSource & { readonly placeholder: string })[];
  fromFlags: ReadonlyMap<string, string>;
  instanceId: string | undefined;
  region: string | undefined;
  exampleArns: boolean;
  settings: FlowSettings;
}): void {
  const { output, needed, fromFlags, instanceId, region } = input;
  const missing = needed.filter((source) => !fromFlags.has(source.placeholder));
  if (missing.length > 0 && !input.exampleArns) {
    throw new CliError(`a dry run takes ARNs from flags only; missing ${missing.map((source) => `--${flagOf(source.placeholder)}`).join(', ')} (or add --example-arns to show example ARNs)`, 2);
  }
  const values = new Map(
    needed.map((source) => {
      const given = fromFlags.get(source.placeholder);
      const example = { arn: KINDS[source.kind].example(region ?? 'us-east-1', source.placeholder, instanceId), from: 'EXAMPLE ARN, not deployable' };
      return [source.placeholder, given === undefined ? example : { arn: given, from: `--${flagOf(source.placeholder)}` }];
    }),
  );
  const rendered = input.flows.map((flow) => renderChecked(flow, values, instanceId, input.settings));
  for (const { flow, content } of rendered) {
    output.out(`${flow}: rendered flow`);
    output.out(JSON.stringify(JSON.parse(content), null, 2));
  }
  output.out(`plan for instance ${instanceId ?? '(no --instance-id)'} in ${region ?? '(no --region)'}:`);
  for (const value of associationsOf(rendered)) {
    output.out(`  associate ${KINDS[value.kind].what} ${value.arn} (${value.placeholder}, from ${value.from}) unless already associated`);
  }
  for (const { flow } of rendered) {
    output.out(`  ${flow}: UpdateContactFlowContent if the instance has a flow of that name, else CreateContactFlow (which one is unknown without AWS)`);
  }
  output.out('dry run: nothing was sent to AWS.');
}

/** The instance id from an id or an instance ARN (`arn:aws:connect:R:ACCOUNT:instance/ID`). */
function instanceIdOf(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const fromArn = /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/([^/]+)$/.exec(value)?.[1];
  return fromArn ?? value;
}

/** ARNs from flags, then the stack's outputs for the rest; names the flag and the output of each one still missing. */
async function resolveArns(input: {
  output: Output;
  deps: ImportFlowsDeps;
  needed: readonly (PlaceholderSource & { readonly placeholder: string })[];
  fromFlags: ReadonlyMap<string, string>;
  region: string;
  stackName: string;
}): Promise<Map<string, { arn: string; from: string }>> {
  const { output, needed, fromFlags, region, stackName } = input;
  const values = new Map<string, { arn: string; from: string }>();
  for (const source of needed) {
    const given = fromFlags.get(source.placeholder);
    if (given !== undefined) values.set(source.placeholder, { arn: given, from: `--${flagOf(source.placeholder)}` });
  }
  const rest = needed.filter((source) => !values.has(source.placeholder));
  const missing = (sources: readonly (PlaceholderSource & { readonly placeholder: string })[]) =>
    new CliError(
      `no ARN for:\n${sources
        .map((source) => `  ${source.placeholder} (${source.description}): give --${flagOf(source.placeholder)} ARN${source.stackOutput ? ` or deploy stack ${stackName} with output ${source.stackOutput}` : ' (no stack output holds it)'}`)
        .join('\n')}`,
    );
  // A placeholder no output holds fails now, before asking CloudFormation for the others.
  if (rest.some((source) => source.stackOutput === undefined)) throw missing(rest);
  if (rest.length === 0) return values;

  output.out(`reading ${rest.map((source) => source.stackOutput).join(', ')} from the outputs of stack ${stackName} (${region})`);
  const outputs = await stackOutputs(input.deps.cloudFormation?.(region) ?? new CloudFormationClient({ region }), stackName, region, rest);
  for (const source of rest) {
    const value = outputs.get(source.stackOutput as string);
    if (value !== undefined && value !== '') values.set(source.placeholder, { arn: value, from: `stack output ${source.stackOutput}` });
  }
  const still = rest.filter((source) => !values.has(source.placeholder));
  if (still.length > 0) throw missing(still);
  return values;
}

/** The outputs of the stack, by key. */
async function stackOutputs(cloudFormation: CloudFormationClient, stackName: string, region: string, rest: readonly { placeholder: string }[]): Promise<Map<string, string>> {
  try {
    const described = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = described.Stacks?.[0];
    if (stack === undefined) throw new CliError(`stack ${stackName} not found in ${region}`);
    return new Map((stack.Outputs ?? []).flatMap((entry) => (entry.OutputKey && entry.OutputValue ? [[entry.OutputKey, entry.OutputValue] as const] : [])));
  } catch (error) {
    if (error instanceof CliError) throw error;
    const name = error instanceof Error ? error.name : '';
    // DescribeStacks answers an unknown stack with ValidationError "Stack with id X does not exist".
    if (name === 'StackNotFoundException' || (name === 'ValidationError' && /does not exist/.test((error as Error).message))) {
      throw new CliError(
        `stack ${stackName} not found in ${region}: deploy it with CDK, name it with --stack-name, or give ${rest.map((source) => `--${flagOf(source.placeholder)}`).join(', ')}`,
      );
    }
    throw new CliError(`reading the outputs of stack ${stackName}: ${describeAwsError(error, region)}`);
  }
}

/** Renders a flow, checks every value's ARN shape and the flow itself; any problem stops before AWS is called. */
function renderChecked(flow: FlowName, values: ReadonlyMap<string, { arn: string; from: string }>, instanceId: string | undefined, settings: FlowSettings = {}): Rendered {
  const filled = placeholderSourcesOf(flow).map((source) => ({ ...source, ...(values.get(source.placeholder) as { arn: string; from: string }) }));
  const wrong = filled.flatMap((value) => {
    if (!KINDS[value.kind].pattern.test(value.arn)) return [`${value.placeholder} (from ${value.from}) is not a ${KINDS[value.kind].what} ARN: ${value.arn}`];
    if (value.kind === 'queue' && instanceId !== undefined && !value.arn.includes(`:instance/${instanceId}/queue/`)) {
      return [`${value.placeholder} (from ${value.from}) is a queue of another instance than ${instanceId}`];
    }
    return [];
  });
  if (wrong.length > 0) throw new CliError(`${flow}:\n  ${wrong.join('\n  ')}`);
  const content = renderContactFlow(flow, Object.fromEntries(filled.map((value) => [value.placeholder, value.arn])), settings);
  const problems = validateContactFlow(content);
  if (problems.length > 0) throw new CliError(`${flow}: the rendered flow has ${problems.length} problem(s), nothing was sent:\n  ${problems.join('\n  ')}`);
  return { flow, content, filled };
}

/** The bot aliases and functions the flows name, each once. */
function associationsOf(rendered: readonly Rendered[]): Filled[] {
  const all = rendered.flatMap((entry) => entry.filled).filter((value) => value.kind === 'lexBotAlias' || value.kind === 'lambdaFunction');
  return [...new Map(all.map((value) => [`${value.kind} ${value.arn}`, value])).values()];
}

type Aws = <T>(what: string, call: () => Promise<T>) => Promise<T>;

/** Associates every bot alias and function the flows name, first, since Connect rejects a flow naming one it does not know. */
async function associate(input: { connect: ConnectClient; output: Output; instance: string; rendered: readonly Rendered[]; aws: Aws }): Promise<void> {
  const { connect, output, instance, aws } = input;
  const wanted = associationsOf(input.rendered);
  const bots = wanted.some((value) => value.kind === 'lexBotAlias')
    ? await aws('listing the Lex V2 bots of the instance', () =>
        allPages('Lex V2 bots', async (NextToken) => {
          const page = await connect.send(new ListBotsCommand({ InstanceId: instance, LexVersion: 'V2', MaxResults: PAGE_SIZE.bots, NextToken }));
          return { items: (page.LexBots ?? []).flatMap((bot) => (bot.LexV2Bot?.AliasArn ? [bot.LexV2Bot.AliasArn] : [])), next: page.NextToken };
        }),
      )
    : [];
  const functions = wanted.some((value) => value.kind === 'lambdaFunction')
    ? await aws('listing the Lambda functions of the instance', () =>
        allPages('Lambda functions', async (NextToken) => {
          const page = await connect.send(new ListLambdaFunctionsCommand({ InstanceId: instance, MaxResults: PAGE_SIZE.lambdas, NextToken }));
          return { items: page.LambdaFunctions ?? [], next: page.NextToken };
        }),
      )
    : [];
  for (const value of wanted) {
    const label = `${KINDS[value.kind].what} ${value.arn}`;
    if ((value.kind === 'lexBotAlias' ? bots : functions).includes(value.arn)) {
      output.out(`${label}: already associated with the instance`);
      continue;
    }
    const outcome = await aws(`associating ${label}`, async () => {
      try {
        if (value.kind === 'lexBotAlias') await connect.send(new AssociateBotCommand({ InstanceId: instance, LexV2Bot: { AliasArn: value.arn } }));
        else await connect.send(new AssociateLambdaFunctionCommand({ InstanceId: instance, FunctionArn: value.arn }));
        return 'associated with the instance';
      } catch (error) {
        // Associated meanwhile (in the console, or by another run): what was wanted.
        if (error instanceof Error && error.name === 'ResourceConflictException') return 'already associated with the instance';
        throw error;
      }
    });
    output.out(`${label}: ${outcome}`);
  }
}

/** Updates the flow of that name, or creates it. */
async function upsertFlow(input: { connect: ConnectClient; output: Output; instance: string; flow: FlowName; content: string; aws: Aws }): Promise<void> {
  const { connect, output, instance, flow, content, aws } = input;
  const flows = await aws('listing the contact flows of the instance', () =>
    allPages('contact flows', async (NextToken) => {
      const page = await connect.send(new ListContactFlowsCommand({ InstanceId: instance, ContactFlowTypes: ['CONTACT_FLOW'], MaxResults: PAGE_SIZE.flows, NextToken }));
      return { items: page.ContactFlowSummaryList ?? [], next: page.NextToken };
    }),
  );
  const existing = flows.find((summary) => summary.Name === flow);
  if (existing?.Id) {
    const id = existing.Id;
    await aws(`${flow}: updating flow ${id}`, () => connect.send(new UpdateContactFlowContentCommand({ InstanceId: instance, ContactFlowId: id, Content: content })));
    output.out(`${flow}: updated the content of flow ${id}`);
    return;
  }
  const created = await aws(`${flow}: creating the flow`, () =>
    connect.send(new CreateContactFlowCommand({ InstanceId: instance, Type: 'CONTACT_FLOW', Name: flow, Description: FLOW_DESCRIPTIONS[flow], Content: content })),
  );
  output.out(`${flow}: created flow ${created.ContactFlowId ?? '?'} (${created.ContactFlowArn ?? 'no ARN returned'})`);
}

/** Every item of a paginated list, reading at most {@link MAX_PAGES} pages. */
async function allPages<T>(what: string, page: (token: string | undefined) => Promise<{ items: readonly T[]; next: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let count = 0; count < MAX_PAGES; count += 1) {
    const result = await page(token);
    items.push(...result.items);
    if (!result.next) return items;
    token = result.next;
  }
  throw new CliError(`the list of ${what} did not end after ${MAX_PAGES} pages`);
}

/** Runs one AWS call and turns its failure into a CliError an admin can act on. */
async function withAwsErrors<T>(what: string, region: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${what}: ${describeFailure(error, region)}`);
  }
}

function describeFailure(error: unknown, region: string): string {
  const name = error instanceof Error ? error.name : '';
  if (name === 'InvalidContactFlowException') {
    const problems = ((error as { problems?: readonly { message?: string }[] }).problems ?? []).map((problem) => problem.message ?? '(no message)');
    return `Connect rejected the flow${problems.length > 0 ? `:\n  ${problems.join('\n  ')}` : ` (${(error as Error).message})`}`;
  }
  if (name === 'DuplicateResourceException') return `a flow of that name already exists, though not as a CONTACT_FLOW the list shows (${(error as Error).message})`;
  if (name === 'ResourceNotFoundException') return `not found (is --instance-id an instance of ${region}?): ${(error as Error).message}`;
  return describeAwsError(error, region);
}

if (isMain(import.meta.url)) {
  runCli((argv, output) => importFlows(argv, output)).then((code) => process.exit(code));
}
