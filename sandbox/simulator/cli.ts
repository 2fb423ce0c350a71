import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { logger } from '../../fulfillment/runtime/logger';
import { ALL_SCENARIOS, DEMO_CALLER } from '../data/scenarios';
import { startLocalRuntime } from '../localRuntime';
import { localSymptomPipeline, type FiledMessage, type LocalSymptomPipeline } from '../localSymptoms';
import { playCall, type CallPrinter, type LineSource } from './flow';
import { scriptLines } from './script';
import { localArn } from './localFlow';
import { routeTask } from './taskFlow';
import { CONTACT_LANGUAGES, DEFAULT_PATIENT_SEARCH_STRATEGY, FLOW_PLACEHOLDERS, localeIdOfLanguage, type ContactLanguage, type PatientSearchStrategy } from '../../contract';

/** The bundled demo call of each search strategy: the caller answers what that strategy asks. */
const DEMO_SCRIPTS: Readonly<Record<PatientSearchStrategy, URL>> = {
  name: new URL('./demo-call.txt', import.meta.url),
  telecom: new URL('./demo-call-telecom.txt', import.meta.url),
};

/** The bundled Spanish demo call (`--language es`): written for the default (name) search strategy. */
const SPANISH_DEMO_SCRIPT = new URL('./spanish-demo-call.txt', import.meta.url);

/** The line language `--language` names (`es`, `es-US`, `en`, `en-US`). @throws {RangeError} for another language */
function lineLanguage(given: string | undefined): ContactLanguage | undefined {
  if (given === undefined) return undefined;
  const localeId = localeIdOfLanguage(given);
  if (!localeId) throw new RangeError(`--language must be one of en, en-US, es, es-US (got ${given})`);
  return CONTACT_LANGUAGES[localeId];
}

const USAGE = `npm start -- [--caller NAME|NUMBER] [--script FILE] [--telecom-search] [--closed] [--urgent-closed]
                [--after-hours-number E164] [--live-delay-ms MS] [--language en|es] [--quiet] [--verbose]

Plays a phone call through the deployed contact flow (contact-flows/patient-ivr.json, run by a
local flow interpreter) and the real fulfillment handler against the local Epic-like sandbox
(loopback only; no AWS account). On a terminal you are the caller: type what you would say, or
digits for keypad presses; an empty line is silence. With --script FILE, or with no terminal, the
lines come from a file (default: the bundled demo call). The caller is found as a stock Epic allows
(EPIC_PATIENT_SEARCH=name: names spelled letter by letter, e.g. "E L E A N O R", birth date, sex);
--telecom-search uses the opt-in telecom strategy instead (number, birth date, sex; the sandbox then
relaxes Epic's search rules as such an Epic must). --closed: the clinic is outside its hours. A
message left for the doctor goes through the local symptom pipeline; the summary shows the note, the
care-team notification and the care team's Amazon Connect task, routed by the care-team-task flow.
A text the caller asks for ("text me") is printed, never sent.
While the caller speaks, a live transcriber stand-in writes their words into the live transcript,
ending --live-delay-ms (default 800) after streaming stops; at # the red-flag rules decide: an urgent
message hears the 911 advice and goes to the nurse queue, the care team is paged at once. With
--urgent-closed the nurse queue is closed: the caller goes to --after-hours-number when given.
The greeting offers Spanish in Spanish ("Para español, oprima 2"): a script line 2 chooses it, and
the voice, the contact's language ($.LanguageCode, which picks the bots' es_US locale) and every
later prompt are Spanish; a message is transcribed in Spanish, translated (a local glossary
stand-in, labelled as such) and filed with both texts. --language es (or es-US) is a shortcut: the
line's default language is Spanish, so the call is Spanish from the start, and the default script
is the bundled Spanish demo call (sandbox/simulator/spanish-demo-call.txt).
Callers: ${ALL_SCENARIOS.map((scenario) => scenario.given.toLowerCase()).join(', ')}.`;

function fromList(lines: string[]): LineSource {
  let index = 0;
  return { next: async () => lines[index++] };
}

/** Prints the call as a transcript: IVR lines, caller lines, and (unless quiet) the decisions. */
function printer(quiet: boolean): CallPrinter {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  return {
    ivr: (text) => out(`  IVR:    ${text}`),
    caller: (text) => out(`  Caller: ${text}`),
    trace: (text) => {
      if (!quiet) out(`          [${text}]`);
    },
  };
}

/** The summary's last line: where the care team reads such messages locally. */
const INBOX_HINT =
  'Next: npm run inbox to see messages like this one in the care-team inbox (the demo calls played into a fresh local store, served on 127.0.0.1).';

/**
 * Prints a symptom message after the call: the note as Epic shows it, where it went, who was told,
 * and the care team's task: what Amazon Connect would have been sent, and the queue the deployed
 * `care-team-task` flow, run here action by action, puts it in.
 */
async function printFiledMessage(message: FiledMessage, notifier: LocalSymptomPipeline['notifier'], print: CallPrinter): Promise<void> {
  const out = (text: string) => process.stdout.write(`${text}\n`);
  out(`\n${message.stored?.note?.kind === 'refill' ? 'Refill request' : 'Symptom message'} ${message.noteId}: ${message.outcome}.`);
  if (message.text) out(message.text.replace(/^/gm, '  | '));
  const documentReferenceId = message.stored?.documentReferenceId;
  out(documentReferenceId ? `DocumentReference/${documentReferenceId} written to the Epic sandbox.` : 'Not written to the Epic sandbox.');
  for (const notification of notifier.messages.filter((sent) => sent.noteId === message.noteId)) {
    out(`Care team notified (SNS message, no patient data): ${JSON.stringify(notification)}`);
  }
  const { task } = message;
  if (!task) {
    if (message.stored?.note) out('No care-team task was created (see the note\'s steps).');
    return;
  }
  const { contactId, ...sent } = task;
  out(`Care-team task ${contactId} (Amazon Connect StartTaskContact, local stand-in; no patient data): ${JSON.stringify(sent)}`);
  const routing = await routeTask({ contactId, attributes: task.attributes }, { print });
  out(routing.queueArn ? `The care-team-task flow queued it to ${routing.queue ?? 'a queue'} (${routing.queueArn}).` : `The care-team-task flow ended without queueing it (${routing.ending}).`);
}

/** `npm start`: the simulated call. Exit 0 when the call ran; the demo must also end with goodbye. */
export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      caller: { type: 'string' },
      script: { type: 'string' },
      'telecom-search': { type: 'boolean', default: false },
      closed: { type: 'boolean', default: false },
      'urgent-closed': { type: 'boolean', default: false },
      'after-hours-number': { type: 'string' },
      'live-delay-ms': { type: 'string' },
      language: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  logger.setLogLevel(values.verbose ? 'DEBUG' : 'CRITICAL');
  const scenario = values.caller
    ? ALL_SCENARIOS.find((candidate) => candidate.given.toLowerCase() === values.caller?.toLowerCase())
    : DEMO_CALLER;
  const callerNumber = scenario?.callerNumber ?? values.caller ?? DEMO_CALLER.callerNumber;
  const interactive = !values.script && process.stdin.isTTY === true;
  const strategy: PatientSearchStrategy = values['telecom-search'] ? 'telecom' : DEFAULT_PATIENT_SEARCH_STRATEGY;
  const language = lineLanguage(values.language);
  const spanish = language === CONTACT_LANGUAGES.es_US;

  // The sandbox enforces Epic's minimum data sets unless the strategy is telecom (see startLocalRuntime).
  const runtime = await startLocalRuntime({ env: { EPIC_PATIENT_SEARCH: strategy } });
  const terminal = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  try {
    const lines: LineSource = terminal
      ? { next: async () => terminal.question('you> ').catch(() => undefined) }
      : fromList(scriptLines(readFileSync(values.script ?? (spanish ? SPANISH_DEMO_SCRIPT : DEMO_SCRIPTS[strategy]), 'utf8')));
    process.stdout.write(`Simulated call to the clinic (Epic-like sandbox at ${runtime.sandbox.baseUrl}).\n`);
    process.stdout.write(`Calling from ${callerNumber}${scenario ? ` (${scenario.given} ${scenario.family}, sandbox patient)` : ''}.\n\n`);
    const delay = values['live-delay-ms'] === undefined ? undefined : Number(values['live-delay-ms']);
    if (delay !== undefined && !(Number.isInteger(delay) && delay >= 0)) throw new RangeError('--live-delay-ms must be a whole number of milliseconds');
    const symptoms = localSymptomPipeline({ sessions: runtime.deps.sessions, chart: runtime.epic, clock: runtime.deps.clock, refills: runtime.refills, ...(delay === undefined ? {} : { liveFinalizationDelayMs: delay }) });
    const urgentQueue = localArn('queue', FLOW_PLACEHOLDERS.urgentQueue);
    const print = printer(values.quiet);
    // Local mode prints the text a caller asked for instead of sending it (the number masked to its last four).
    runtime.texts.printTo((line) => process.stdout.write(`  Text:   ${line}\n`));
    const result = await playCall({
      handler: runtime.handler,
      callerNumber,
      lines,
      print,
      searchStrategy: strategy,
      clinic: { open: !values.closed, ...(values['urgent-closed'] ? { queues: { [urgentQueue]: { open: false } } } : {}) },
      functions: { [FLOW_PLACEHOLDERS.recordingControlFunction]: symptoms.captureFunction },
      hooks: { recording: symptoms.recording, media: symptoms.media },
      ...(values['after-hours-number'] ? { afterHoursNurseNumber: values['after-hours-number'] } : {}),
      ...(language ? { defaultLanguage: language } : {}),
    });
    const { stats } = runtime.sandbox;
    process.stdout.write(
      `\nCall ended: ${result.ending}${result.ending === 'transfer' && result.contactRecord.QueueArn ? ` (queue ${result.contactRecord.QueueArn.split('/').at(-1) ?? ''})` : ''} after ${result.turns} caller line(s); Epic token requests ${stats.tokenRequests}, FHIR requests ${stats.fhirRequests}, audit events ${runtime.audit.events.length}.\n`,
    );
    const filed = await symptoms.drain();
    for (const message of filed) await printFiledMessage(message, symptoms.notifier, print);
    process.stdout.write(`\n${INBOX_HINT}\n`);
    const demo = !values.script && !interactive;
    const demoComplete =
      result.ending === 'goodbye' &&
      filed.some((message) => message.stored?.documentReferenceId !== undefined) &&
      filed.every((message) => message.stored?.note === undefined || message.task !== undefined);
    return demo && !demoComplete ? 1 : 0;
  } finally {
    terminal?.close();
    await runtime.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`simulator failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    process.exit(1);
  },
);
