import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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
  type BotAliasLocaleSettings,
} from '@aws-sdk/client-lex-models-v2';
import { request } from 'undici';
import { ALL_BOTS, buildBotImportZip, type BotDefinition } from '../bots';
import { DEFAULT_PATIENT_SEARCH_STRATEGY, PATIENT_SEARCH_STRATEGIES, type PatientSearchStrategy } from '../contract';
import { CliError, describeAwsError, isMain, parseFlags, pollUntil, required, runCli, type Output } from './lib/cli';

export const USAGE = `npm run import-bots -- [--bot NAME ... | --all] --region R --role-arn ARN [--lambda-arn ARN]
                       [--alias live] [--search-strategy name|telecom] [--dry-run] [--out FILE.zip]
                       [--timeout-seconds 600]

Imports the bots defined in bots/ into Amazon Lex V2 (the same definitions CDK deploys): builds the
Lex import zip, uploads it (CreateUploadUrl), imports it over any bot of the same name (StartImport,
merge strategy Overwrite), waits for the import, builds each locale (en_US, es_US), creates a bot version and
points the alias at it with the fulfillment Lambda as code hook. Re-running updates in place.
--dry-run writes the zip(s) and prints the plan without calling AWS. --role-arn is the Lex service
role the bot runs as (it needs polly:SynthesizeSpeech). The Lambda must also allow Lex to invoke it:
the script prints the command for that. --search-strategy must be the fulfillment's
EPIC_PATIENT_SEARCH (default ${DEFAULT_PATIENT_SEARCH_STRATEGY}; npm run epic-check tells which your Epic accepts).`;

/** What the import needs besides flags; tests substitute the client and the clock. */
export interface ImportBotsDeps {
  readonly lex?: (region: string) => LexModelsV2Client;
  readonly sleep?: (ms: number) => Promise<void>;
}

const POLL_INTERVAL_MS = 5000;

/** `import-bots`. */
export async function importBots(argv: string[], output: Output, deps: ImportBotsDeps = {}): Promise<void> {
  const flags = parseFlags(
    argv,
    {
      bot: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      region: { type: 'string' },
      'role-arn': { type: 'string' },
      'lambda-arn': { type: 'string' },
      alias: { type: 'string', default: 'live' },
      'search-strategy': { type: 'string', default: DEFAULT_PATIENT_SEARCH_STRATEGY },
      'dry-run': { type: 'boolean' },
      out: { type: 'string' },
      'timeout-seconds': { type: 'string', default: '600' },
      help: { type: 'boolean' },
    },
    USAGE,
  );
  if (flags.help) {
    output.out(USAGE);
    return;
  }
  const strategy = flags['search-strategy'] as PatientSearchStrategy;
  if (!PATIENT_SEARCH_STRATEGIES.includes(strategy)) throw new CliError(`--search-strategy must be ${PATIENT_SEARCH_STRATEGIES.join(' or ')}`, 2);
  const timeoutMs = Number(flags['timeout-seconds']) * 1000;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 1000) throw new CliError('--timeout-seconds must be a number of at least 1', 2);
  const available = ALL_BOTS({ searchStrategy: strategy });
  const wanted = flags.bot ?? [];
  if (wanted.length > 0 && flags.all) throw new CliError('give --bot NAME or --all, not both', 2);
  const unknown = wanted.filter((name) => !available.some((bot) => bot.name === name));
  if (unknown.length > 0) throw new CliError(`unknown bot ${unknown.join(', ')}; known: ${available.map((bot) => bot.name).join(', ')}`, 2);
  const bots = wanted.length > 0 ? available.filter((bot) => wanted.includes(bot.name)) : available;

  const zips = bots.map((bot) => ({ bot, zip: buildBotImportZip(bot), path: zipPath(flags.out, bot, bots.length) }));
  for (const { bot, zip, path } of zips) {
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, zip);
    }
    output.out(`${bot.name}: import zip ${zip.byteLength} bytes${path ? `, written to ${path}` : ''}`);
  }
  if (flags['dry-run']) {
    for (const { bot } of zips) {
      output.out(`plan for ${bot.name}: CreateUploadUrl -> PUT zip -> StartImport (Overwrite) -> wait -> BuildBotLocale ${localesOf(bot).join(', ')} -> wait -> CreateBotVersion -> wait -> alias "${flags.alias}"${flags['lambda-arn'] ? ` with code hook ${flags['lambda-arn']}` : ' (no --lambda-arn: alias without code hook)'}`);
    }
    output.out('dry run: nothing was sent to AWS.');
    return;
  }

  const region = required(flags.region, 'region', USAGE);
  const roleArn = required(flags['role-arn'], 'role-arn', USAGE);
  const lex = deps.lex?.(region) ?? new LexModelsV2Client({ region });
  const sleep = deps.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  for (const { bot, zip } of zips) {
    try {
      await importOne({ lex, sleep, output, bot, zip, roleArn, lambdaArn: flags['lambda-arn'], alias: flags.alias as string, timeoutMs });
    } catch (error) {
      if (error instanceof CliError) throw new CliError(`${bot.name}: ${error.message}`, error.exitCode);
      throw new CliError(`${bot.name}: ${describeAwsError(error, region)}`);
    }
  }
  if (flags['lambda-arn']) {
    output.out(`Lex must be allowed to invoke the Lambda (once per alias), e.g.:\n  aws lambda add-permission --function-name ${flags['lambda-arn']} --statement-id lex-<alias-id> --action lambda:InvokeFunction --principal lexv2.amazonaws.com --source-arn <alias ARN>`);
  }
}

/** The Lex locale ids of `bot`, in order. */
function localesOf(bot: BotDefinition): readonly string[] {
  return bot.locales.map((locale) => locale.localeId);
}

function zipPath(out: string | undefined, bot: BotDefinition, count: number): string | undefined {
  if (!out) return undefined;
  if (count === 1) return out;
  return out.endsWith('.zip') ? `${out.slice(0, -4)}-${bot.name}.zip` : `${out}-${bot.name}.zip`;
}

async function importOne(input: {
  lex: LexModelsV2Client;
  sleep: (ms: number) => Promise<void>;
  output: Output;
  bot: BotDefinition;
  zip: Uint8Array;
  roleArn: string;
  lambdaArn: string | undefined;
  alias: string;
  timeoutMs: number;
}): Promise<void> {
  const { lex, sleep, output, bot, zip, timeoutMs } = input;
  const wait = <T>(what: string, check: () => Promise<T | undefined>) =>
    pollUntil({ check, intervalMs: POLL_INTERVAL_MS, timeoutMs, sleep, what: `${what} of ${bot.name}`, onWait: (ms) => output.out(`    still waiting for ${what} (${Math.round(ms / 1000)} s)`) });

  output.out(`${bot.name}: uploading`);
  const upload = await lex.send(new CreateUploadUrlCommand({}));
  if (!upload.importId || !upload.uploadUrl) throw new CliError('CreateUploadUrl returned no import id or URL');
  const put = await request(upload.uploadUrl, { method: 'PUT', body: zip, headersTimeout: 30_000, bodyTimeout: 30_000 });
  await put.body.dump();
  if (put.statusCode < 200 || put.statusCode >= 300) throw new CliError(`upload of the zip failed with HTTP ${put.statusCode}`);

  output.out(`${bot.name}: importing (merge strategy Overwrite)`);
  await lex.send(
    new StartImportCommand({
      importId: upload.importId,
      mergeStrategy: 'Overwrite',
      resourceSpecification: {
        botImportSpecification: {
          botName: bot.name,
          roleArn: input.roleArn,
          dataPrivacy: { childDirected: false },
          idleSessionTTLInSeconds: bot.idleSessionTTLInSeconds,
        },
      },
    }),
  );
  const botId = await wait('the import', async () => {
    const status = await lex.send(new DescribeImportCommand({ importId: upload.importId }));
    if (status.importStatus === 'Completed') {
      if (!status.importedResourceId) throw new CliError('import completed without a bot id');
      return status.importedResourceId;
    }
    if (status.importStatus === 'Failed') throw new CliError(`import failed: ${(status.failureReasons ?? ['no reason given']).join('; ')}`);
    return undefined;
  });
  // Lex builds each locale on its own (BuildBotLocale takes one localeId); a version and an alias
  // then name every locale, or the locales left out are not served by the alias.
  const locales = localesOf(bot);
  for (const localeId of locales) {
    output.out(`${bot.name}: imported as bot ${botId}; building ${localeId}`);
    await lex.send(new BuildBotLocaleCommand({ botId, botVersion: 'DRAFT', localeId }));
    await wait(`the build of ${localeId}`, async () => {
      const locale = await lex.send(new DescribeBotLocaleCommand({ botId, botVersion: 'DRAFT', localeId }));
      if (locale.botLocaleStatus === 'Built' || locale.botLocaleStatus === 'ReadyExpressTesting') return true;
      if (locale.botLocaleStatus === 'Failed') throw new CliError(`build of ${localeId} failed: ${(locale.failureReasons ?? ['no reason given']).join('; ')}`);
      return undefined;
    });
  }

  const version = await lex.send(
    new CreateBotVersionCommand({ botId, botVersionLocaleSpecification: Object.fromEntries(locales.map((localeId) => [localeId, { sourceBotVersion: 'DRAFT' }])) }),
  );
  const botVersion = version.botVersion;
  if (!botVersion) throw new CliError('CreateBotVersion returned no version');
  await wait(`version ${botVersion}`, async () => {
    const described = await lex.send(new DescribeBotVersionCommand({ botId, botVersion }));
    if (described.botStatus === 'Available') return true;
    if (described.botStatus === 'Failed') throw new CliError(`version ${botVersion} failed: ${(described.failureReasons ?? ['no reason given']).join('; ')}`);
    return undefined;
  });

  const codeHook = input.lambdaArn ? { codeHookSpecification: { lambdaCodeHook: { lambdaARN: input.lambdaArn, codeHookInterfaceVersion: '1.0' } } } : {};
  const localeSettings: Record<string, BotAliasLocaleSettings> = Object.fromEntries(locales.map((localeId) => [localeId, { enabled: true, ...codeHook }]));
  const aliases = await lex.send(new ListBotAliasesCommand({ botId, maxResults: 50 }));
  const existing = aliases.botAliasSummaries?.find((alias) => alias.botAliasName === input.alias);
  if (existing?.botAliasId) {
    await lex.send(new UpdateBotAliasCommand({ botId, botAliasId: existing.botAliasId, botAliasName: input.alias, botVersion, botAliasLocaleSettings: localeSettings }));
    output.out(`${bot.name}: alias ${input.alias} (${existing.botAliasId}) now points at version ${botVersion}`);
  } else {
    const created = await lex.send(new CreateBotAliasCommand({ botId, botAliasName: input.alias, botVersion, botAliasLocaleSettings: localeSettings }));
    output.out(`${bot.name}: alias ${input.alias} (${created.botAliasId ?? '?'}) created at version ${botVersion}`);
  }
}

if (isMain(import.meta.url)) {
  runCli((argv, output) => importBots(argv, output)).then((code) => process.exit(code));
}
