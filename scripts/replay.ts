import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { LexV2Result } from 'aws-lambda';
import { parseLexEvent } from '../fulfillment/lex/event';
import { logger } from '../fulfillment/runtime/logger';
import { PlaceholderError, resolveEvent } from '../sandbox/fixtures/placeholders';
import { applySetup, clearFaults, fixtureFileSchema, fixtureStrategy, type FixtureSetup } from '../sandbox/fixtures/setup';
import { startLocalRuntime, type LocalRuntime } from '../sandbox/localRuntime';
import { CliError, isMain, runCli, type Output } from './lib/cli';

export const USAGE = `npm run replay -- FILE.json [--verbose]

Plays Lex V2 code hook events through the real fulfillment handler, against the local Epic-like
sandbox, and prints each response as JSON on stdout (a "# turn" line on stderr before each).

FILE holds one of:
  - one Lex V2 event, as Lex sends it to the Lambda;
  - a JSON array of events, played as one conversation: the session attributes of each response
    replace those of the next event (as Lex carries them); the next event's intent and slots are
    used as written. Use the same sessionId in every event: session tokens are bound to it;
  - a fixture file of test/fixtures/lex ({ "description", "setup", "event", "expect" }); its setup
    (search strategy, earlier failures, Epic faults) is applied, its expect is not checked.

Events are answered with the default patient search strategy (EPIC_PATIENT_SEARCH=name) on a
sandbox that enforces Epic's minimum data sets, unless a fixture's setup says "searchStrategy":
"telecom" (then the sandbox relaxes them, as such an Epic must).

Strings may hold {{…}} placeholders ({{phone:eleanor}}, {{validToken:eleanor}}, {{pager:winifred}} …),
resolved against the sandbox patients: see sandbox/fixtures/placeholders.ts for the grammar.

Options:
  --verbose   also print the handler's log lines (hidden by default)
  -h, --help  print this text`;

/** Longest conversation replayed: a call with more turns than this is a mistake in the file. */
const MAX_TURNS = 200;

type Json = Record<string, unknown>;

interface Plan {
  readonly events: Json[];
  readonly setup: FixtureSetup | undefined;
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** What FILE asks to play. Usage errors (exit 2) name the file and what is wrong with it. */
export function readPlan(file: string): Plan {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new CliError(`cannot read ${file}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}\n\n${USAGE}`, 2);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, 2);
  }
  if (Array.isArray(json)) {
    if (json.length === 0 || json.length > MAX_TURNS) throw new CliError(`${file}: a conversation needs 1 to ${MAX_TURNS} events, got ${json.length}`, 2);
    const notEvents = json.map((item, index) => (isObject(item) ? -1 : index + 1)).filter((turn) => turn > 0);
    if (notEvents.length) throw new CliError(`${file}: turn ${notEvents.join(', ')} is not a JSON object`, 2);
    return { events: json as Json[], setup: undefined };
  }
  if (!isObject(json)) throw new CliError(`${file}: expected a Lex V2 event, an array of events or a fixture file`, 2);
  if ('event' in json) {
    const fixture = fixtureFileSchema.safeParse(json);
    if (!fixture.success) throw new CliError(`${file}: not a valid fixture file (${fixture.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ')})`, 2);
    return { events: [fixture.data.event], setup: fixture.data.setup };
  }
  return { events: [json], setup: undefined };
}

/** Describes a turn for the "# turn" line: bot, intent, hook. */
function label(event: Json): string {
  const bot = isObject(event.bot) ? String(event.bot.name) : '?';
  const intent = isObject(event.sessionState) && isObject(event.sessionState.intent) ? String(event.sessionState.intent.name) : '?';
  return `${bot}/${intent} (${String(event.invocationSource)}, ${String(event.inputMode)})`;
}

/**
 * `replay`: plays FILE and prints each response. Returns the responses (for tests). Starts its own
 * runtime unless one is given, and closes what it started.
 */
export async function replay(argv: string[], output: Output, options: { runtime?: LocalRuntime } = {}): Promise<LexV2Result[]> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' }, verbose: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, 2);
  }
  if (parsed.values.help) {
    output.out(USAGE);
    return [];
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length) throw new CliError(`give exactly one FILE.json\n\n${USAGE}`, 2);
  const plan = readPlan(file);

  const level = logger.getLevelName();
  if (!parsed.values.verbose) logger.setLogLevel('SILENT');
  const runtime = options.runtime ?? (await startLocalRuntime({ env: { EPIC_PATIENT_SEARCH: fixtureStrategy(plan.setup) } }));
  const responses: LexV2Result[] = [];
  try {
    let carried: Record<string, string> | undefined;
    for (const [index, written] of plan.events.entries()) {
      const event = await resolveEvent(written, runtime);
      if (carried && isObject(event.sessionState)) event.sessionState.sessionAttributes = carried;
      if (index === 0) await applySetup(runtime, plan.setup, event);
      const check = parseLexEvent(event);
      output.err(`# turn ${index + 1}/${plan.events.length}: ${label(event)}`);
      if (!check.ok) output.err(`# not a valid Lex V2 code hook event (${check.problems.slice(0, 5).join(', ')}): the handler will apologize`);
      const response = await runtime.handler(event);
      responses.push(response);
      output.out(JSON.stringify(response, null, 2));
      carried = { ...(response.sessionState.sessionAttributes ?? {}) };
    }
  } catch (error) {
    if (error instanceof PlaceholderError) throw new CliError(`${file}: ${error.message}`, 2);
    throw error;
  } finally {
    clearFaults(runtime);
    logger.setLogLevel(level);
    if (!options.runtime) await runtime.close();
  }
  return responses;
}

if (isMain(import.meta.url)) {
  runCli(async (argv, output) => {
    await replay(argv, output);
  }).then((code) => process.exit(code));
}
