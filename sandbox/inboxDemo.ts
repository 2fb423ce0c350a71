/**
 * LOCAL MODE: the inbox's demo data, made the way real messages are. Bundled calls are played through
 * the deployed contact flow, the real fulfillment handler, the recording-control function, the
 * recording worker and the symptom pipeline (the path `npm start` takes), against the Epic sandbox
 * with Epic's encounter rule enforced and `SYMPTOM_ENCOUNTER_STRATEGY=sameDay`,
 * `SYMPTOM_ENCOUNTER_REQUIRED=true`. So the fresh local store ends with an urgent message, a routine
 * message filed in Epic under the day's telephone encounter, and one kept for staff (its patient has
 * no encounter that day), each with a (synthetic) recording.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MemoryAuditLog } from '../fulfillment/audit';
import type { EpicGateway } from '../fulfillment/epic';
import type { InboxService } from '../fulfillment/inbox/ports';
import { createInboxService } from '../fulfillment/inbox/service';
import { MemoryNoteStore } from '../fulfillment/notes';
import { FileRecordingStore } from '../fulfillment/recording/audio';
import type { Clock } from '../fulfillment/runtime/clock';
import type { Config } from '../fulfillment/runtime/config';
import { loadSandboxResources } from './data/load';
import { SCENARIOS, type SandboxPatientScenario } from './data/scenarios';
import { telephoneEncounter } from './data/telephoneEncounter';
import { startLocalRuntime } from './localRuntime';
import { localSymptomPipeline, type FiledMessage } from './localSymptoms';
import type { Sandbox } from './server';
import { playCall, type CallPrinter } from './simulator/flow';
import { DEFAULT_PATIENT_SEARCH_STRATEGY, FLOW_PLACEHOLDERS } from '../contract';

/** What a demo call is there to show in the inbox. */
export type DemoKind = 'urgent' | 'filed' | 'keptForStaff';

/** One bundled demo call: who calls, what they say for the doctor, and whether they have a telephone encounter that day. */
export interface InboxDemoCall {
  readonly kind: DemoKind;
  readonly caller: SandboxPatientScenario;
  readonly message: string;
  /** Minutes before the call that clinic staff opened a telephone encounter for the patient; none when absent. */
  readonly encounterMinutesBefore?: number;
}

/** The bundled demo calls, played oldest first (the routine one first, the urgent one last). */
export const INBOX_DEMO_CALLS: readonly InboxDemoCall[] = [
  {
    kind: 'filed',
    caller: SCENARIOS.eleanor,
    message: 'I have had a dry cough for three days and a mild headache, but no fever. I take acetaminophen at night.',
    encounterMinutesBefore: 20,
  },
  {
    kind: 'keptForStaff',
    caller: SCENARIOS.cornelius,
    message: 'My left knee hurts and it has been swollen since Monday. I have been taking ibuprofen twice a day.',
  },
  {
    kind: 'urgent',
    caller: SCENARIOS.augustin,
    message: 'I have had crushing chest pain since this morning and I feel short of breath.',
    encounterMinutesBefore: 5,
  },
];

/** One demo message as the pipeline left it. */
export interface InboxDemoMessage {
  readonly kind: DemoKind;
  readonly noteId: string;
  readonly patientId: string;
  /** How the worker ended: `filed` when the pipeline finished (a note kept for staff too), else the error class that stopped it. */
  readonly outcome: string;
}

/** The demo's inbox and what stands behind it; `stop` closes the sandbox and removes the recordings. */
export interface InboxDemo {
  /** The inbox service over the demo's stores and the sandbox. */
  readonly service: InboxService;
  readonly notes: MemoryNoteStore;
  readonly recordings: FileRecordingStore;
  /** Folder of the recordings. */
  readonly recordingsDirectory: string;
  /** The audit trail of the run: the calls' chart reads, then every inbox view and action. */
  readonly audit: MemoryAuditLog;
  readonly sandbox: Sandbox;
  /** The Epic client (sandbox) the service uses. */
  readonly epic: EpicGateway;
  /** The configuration the local runtime loaded (Epic, session key, symptom settings). */
  readonly config: Config;
  readonly messages: readonly InboxDemoMessage[];
  stop(): Promise<void>;
}

/** Options of {@link startInboxDemo}. */
export interface InboxDemoOptions {
  /** The calls to play. @default INBOX_DEMO_CALLS */
  readonly calls?: readonly InboxDemoCall[];
  /** IANA time zone of the service's labels. @default 'America/Chicago' */
  readonly timeZone?: string;
  /** Folder of the recordings (kept at stop). @default a fresh temporary folder, removed at stop */
  readonly recordingsDirectory?: string;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Sandbox options on top of the demo's (e.g. `refuseMultiIdSearch`, `faults`). */
  readonly sandbox?: { readonly refuseMultiIdSearch?: boolean; readonly faults?: { readonly fhirLatencyMs?: number } };
}

const silent: CallPrinter = { ivr: () => undefined, caller: () => undefined, trace: () => undefined };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A birth date as a caller says it: `1948-03-14` → "March 14, 1948". */
function spokenDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return `${MONTHS[month - 1] ?? ''} ${day}, ${year}`;
}

/** A name as a caller spells it when asked: `E L E A N O R`. */
const spelled = (name: string): string => name.toUpperCase().split('').join(' ');

/**
 * The caller's lines: verify as the default search asks (birth date, first and last name spelled,
 * sex), ask to leave a message, say it, say goodbye.
 */
function scriptOf(call: InboxDemoCall): { next(): Promise<string | undefined> } {
  const { caller } = call;
  const lines = [spokenDate(caller.birthDate), spelled(caller.given), spelled(caller.family), caller.gender, 'I want to leave a message for my doctor', call.message, 'goodbye'];
  let index = 0;
  return { next: async () => lines[index++] };
}

/**
 * Starts the sandbox (Epic's encounter rule on, a telephone encounter for each call that has one),
 * plays the demo calls into a fresh note store and recordings folder, and builds the inbox service on
 * them. The caller sets the log level (the handler logs as in Lambda).
 *
 * @throws Error when a call did not end as its kind needs (the demo would mislead).
 * @example
 * const demo = await startInboxDemo();
 * const page = await demo.service.list(clinician, { filter: 'all' });
 * await demo.stop();
 */
export async function startInboxDemo(options: InboxDemoOptions = {}): Promise<InboxDemo> {
  const calls = options.calls ?? INBOX_DEMO_CALLS;
  const now = (options.clock ?? { now: () => Date.now() }).now();
  const encounters = calls.flatMap((call) =>
    call.encounterMinutesBefore === undefined ? [] : [telephoneEncounter(call.caller.patientId, new Date(now - call.encounterMinutesBefore * 60_000))],
  );
  const runtime = await startLocalRuntime({
    env: { SYMPTOM_ENCOUNTER_STRATEGY: 'sameDay', SYMPTOM_ENCOUNTER_REQUIRED: 'true' },
    // `notes: {}`: every Epic clinical-note rule enforced, the encounter included.
    sandbox: { notes: {}, resources: [...loadSandboxResources(), ...encounters], ...options.sandbox },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const scratch = options.recordingsDirectory === undefined ? mkdtempSync(join(tmpdir(), 'clinic-ivr-inbox-')) : undefined;
  const recordingsDirectory = options.recordingsDirectory ?? join(scratch as string, 'recordings');
  const recordings = new FileRecordingStore(recordingsDirectory);
  const notes = new MemoryNoteStore({ clock: runtime.deps.clock });
  const stop = async () => {
    await runtime.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  try {
    const { symptoms } = runtime.config;
    const messages: InboxDemoMessage[] = [];
    for (const call of calls) {
      // One pipeline per call, as `npm start` builds one per call; all write to the same stores.
      const pipeline = localSymptomPipeline({
        sessions: runtime.deps.sessions,
        chart: runtime.epic,
        clock: runtime.deps.clock,
        notes,
        recordings,
        organizationDisplay: symptoms.authorDisplay,
        encounterStrategy: symptoms.encounterStrategy,
        encounterRequired: symptoms.encounterRequired,
        noteLoinc: symptoms.noteLoinc,
      });
      const result = await playCall({
        handler: runtime.handler,
        callerNumber: call.caller.callerNumber,
        lines: scriptOf(call),
        print: silent,
        searchStrategy: DEFAULT_PATIENT_SEARCH_STRATEGY,
        functions: { [FLOW_PLACEHOLDERS.recordingControlFunction]: pipeline.captureFunction },
        hooks: { recording: pipeline.recording },
      });
      const [filed] = await pipeline.drain();
      checkDemoCall(call, result.ending, filed);
      messages.push({ kind: call.kind, noteId: (filed as FiledMessage).noteId, patientId: call.caller.patientId, outcome: (filed as FiledMessage).outcome });
    }
    const service = createInboxService({
      notes,
      recordings,
      epic: runtime.epic,
      audit: runtime.audit,
      organizationDisplay: symptoms.authorDisplay,
      noteLoinc: symptoms.noteLoinc,
      timeZone: options.timeZone ?? 'America/Chicago',
      clock: runtime.deps.clock,
    });
    return { service, notes, recordings, recordingsDirectory, audit: runtime.audit, sandbox: runtime.sandbox, epic: runtime.epic, config: runtime.config, messages, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops the demo when a call did not leave the message its kind needs. */
function checkDemoCall(call: InboxDemoCall, ending: string, filed: FiledMessage | undefined): void {
  const stored = filed?.stored;
  const ok =
    ending === 'goodbye' &&
    stored?.note !== undefined &&
    (call.kind === 'urgent'
      ? stored.note.urgent
      : call.kind === 'filed'
        ? !stored.note.urgent && stored.documentReferenceId !== undefined
        : stored.keptForStaff !== undefined && stored.documentReferenceId === undefined);
  if (!ok) throw new Error(`The ${call.kind} demo call of ${call.caller.given} did not leave the message it should (call ended: ${ending}, pipeline: ${filed?.outcome ?? 'nothing queued'})`);
}
