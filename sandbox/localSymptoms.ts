/**
 * LOCAL MODE: a caller's symptom message on this machine, through the code that runs in AWS. The
 * real recording-control function checks the session token and registers and closes the job; the real recording
 * worker and transcription check move it on; the real pipeline extracts entities, builds the note,
 * stores it, writes the DocumentReference to the Epic sandbox and notifies the care team.
 *
 * What stands in for AWS, each named as a stand-in:
 * - the "recording" is the caller's words as typed in the simulator (there is no audio here); given a
 *   recording store, a synthetic WAV as long as the words (`localAudio.ts`) is written through it, so
 *   the local inbox has something to play;
 * - {@link LocalTranscriptionJobs} returns those words as Transcribe Medical's output file would hold them;
 * - `LocalVocabularyExtractor` stands in for Comprehend Medical (a real, small vocabulary with negation);
 * - `LocalGlossaryTranslator` stands in for Amazon Translate for a message in Spanish (a word glossary,
 *   labelled as a stand-in in the note);
 * - {@link MemoryTaskCreator} stands in for Amazon Connect's `StartTaskContact`: it records the care
 *   team's task of each message (`npm start` then runs the `care-team-task` flow on it);
 * - {@link LocalLiveTranscriber} stands in for the live transcriber (Kinesis Video Streams to
 *   Transcribe Medical streaming): the typed words go word by word into the live transcript store,
 *   whose end follows the end of streaming by a finalization delay (800 ms by default), so the real
 *   stop call decides the live triage at `#` (`fulfillment/triage/`) and pages the care team;
 * - job store, queue, note store and notifier are the in-memory adapters.
 */
import {
  connectStreamsOf,
  createCaptureHandler,
  MemoryCaptureJobStore,
  MemoryCaptureQueue,
} from '../fulfillment/recording';
import type { Clock } from '../fulfillment/runtime/clock';
import type { ChartWriter } from '../fulfillment/epic';
import type { SessionTokenService } from '../fulfillment/session';
import { LocalVocabularyExtractor, MemoryNoteStore, renderNoteText, type StoredNote } from '../fulfillment/notes';
import { transcriptionJobName, type Transcriber, type TranscriptionStart } from '../fulfillment/transcription';
import { MemoryNotifier, type EncounterStrategy } from '../fulfillment/filing';
import { LocalGlossaryTranslator } from '../fulfillment/translation';
import { MemoryTaskCreator, type RecordedTask } from '../fulfillment/tasks';
import type { RecordingRequest, RecordingResult, RecordingStore } from '../fulfillment/recording/audio/types';
import {
  checkTranscription,
  MemoryCheckScheduler,
  recordMessage,
  type CompletionDeps,
  type JobState,
  type RecordingWorkerDeps,
} from '../fulfillment/transcription';
import { fileRefill, type MemoryRefillRequests } from '../fulfillment/refills';
import { syntheticMessageWav } from './localAudio';
import { MemoryLiveTranscriptStore } from '../fulfillment/transcription/live';
import { LiveMessageTriage } from '../fulfillment/triage';
import { DEFAULT_LIVE_FINALIZATION_DELAY_MS, LocalLiveTranscriber } from './liveTranscriber';
import { localMediaStreaming, LOCAL_INSTANCE_ARN, LOCAL_STREAM_NAME, type LocalLambda, type MediaStreamingHook, type RecordingHook, type SpokenMessage } from './simulator/connect';

/** Bucket name the local transcription "jobs" pretend to write to. */
const LOCAL_BUCKET = 'local-transcripts';
const LOCAL_PREFIX = 'transcripts/';

/** Checks of one message before the local run gives up (each local job completes at once). */
const MAX_CHECKS = 5;

/**
 * STAND-IN for Transcribe Medical: a "job" per note whose output file holds the words the caller
 * typed, in Transcribe Medical's output layout (`results.transcripts[0].transcript`), completed at once.
 */
export class LocalTranscriptionJobs implements Transcriber {
  readonly #words: (uri: string) => string | undefined;
  readonly #outputs = new Map<string, string>();

  public constructor(words: (uri: string) => string | undefined) {
    this.#words = words;
  }

  public async start(input: Parameters<Transcriber['start']>[0]): Promise<TranscriptionStart> {
    const jobName = transcriptionJobName(input.noteId);
    const alreadyStarted = this.#outputs.has(jobName);
    const transcript = this.#words(input.source);
    if (transcript === undefined) throw new Error(`local transcription: no recording at ${input.source}`);
    this.#outputs.set(jobName, JSON.stringify({ jobName, results: { transcripts: [{ transcript }] }, status: 'COMPLETED' }));
    return { kind: 'job', jobName, alreadyStarted, outputUri: `s3://${LOCAL_BUCKET}/${LOCAL_PREFIX}${jobName}.json` };
  }

  /** The job's state: COMPLETED once started. */
  public async state(jobName: string): Promise<JobState> {
    return { status: this.#outputs.has(jobName) ? 'COMPLETED' : 'FAILED', ...(this.#outputs.has(jobName) ? {} : { failureReason: 'no such job' }) };
  }

  /** The output file at `key` (`transcripts/<job>.json`). */
  public async read(_bucket: string, key: string): Promise<string> {
    const output = this.#outputs.get(key.slice(LOCAL_PREFIX.length).replace(/\.json$/, ''));
    if (output === undefined) throw new Error('local transcription: no output file');
    return output;
  }
}

/** A filed message, as the simulator prints it. */
export interface FiledMessage {
  readonly noteId: string;
  readonly stored: StoredNote | undefined;
  /** The note as the clinician reads it in Epic, when one was built. */
  readonly text: string | undefined;
  /** How the worker ended: `filed`, `empty`, `silent`, or the error class that stopped it. */
  readonly outcome: string;
  /** The care team's task the local stand-in recorded for it (what `StartTaskContact` would have been sent). */
  readonly task: RecordedTask | undefined;
}

/** The symptom path of local calls: plug {@link captureFunction} and {@link recording} into the simulator. */
export interface LocalSymptomPipeline {
  /** The recording-control function (the real handler) for the flow's `SymptomCaptureFunctionArn`. */
  readonly captureFunction: LocalLambda;
  /** Keeps what the caller said while their audio was streamed: the local "recording" (and the live transcriber's words). */
  readonly recording: RecordingHook;
  /** Media streaming that also starts and ends the live transcriber stand-in (plug in as the flow's media hook for live triage). */
  readonly media: MediaStreamingHook;
  /** The live transcriber stand-in. */
  readonly live: LocalLiveTranscriber;
  /** Runs what the capture queue holds (and the refill requests) through the worker and the pipeline; returns each one's end. */
  drain(): Promise<FiledMessage[]>;
  readonly notes: MemoryNoteStore;
  readonly notifier: MemoryNotifier;
  /** The care team's tasks, as Amazon Connect would have been asked for them. */
  readonly tasks: MemoryTaskCreator;
}

/**
 * Builds the local symptom path on the simulator's session service (so the recording-control function accepts
 * the tokens PatientAuth issued) and the Epic sandbox's chart (the runtime's gateway).
 */
export function localSymptomPipeline(options: {
  readonly sessions: SessionTokenService;
  readonly chart: ChartWriter;
  readonly clock: Clock;
  readonly organizationDisplay?: string;
  /** Where notes go. @default a fresh in-memory store */
  readonly notes?: MemoryNoteStore;
  /** Where a synthetic WAV of each message is written (the local inbox plays it). @default none: no audio */
  readonly recordings?: RecordingStore;
  /** As config `SYMPTOM_ENCOUNTER_STRATEGY`. @default 'none' */
  readonly encounterStrategy?: EncounterStrategy;
  /** As config `SYMPTOM_ENCOUNTER_REQUIRED`. @default false */
  readonly encounterRequired?: boolean;
  /** As config `SYMPTOM_NOTE_LOINC`. @default DEFAULT_NOTE_LOINC */
  readonly noteLoinc?: string;
  /** Where the tasks are recorded. @default a fresh {@link MemoryTaskCreator} */
  readonly tasks?: MemoryTaskCreator;
  /** As config `INBOX_BASE_URL`: the tasks and notifications link to the message's page there. @default no link */
  readonly inboxBaseUrl?: string;
  /**
   * The refill requests the code hook handed over (the runtime's `refills`): {@link LocalSymptomPipeline.drain}
   * files them after the messages, as the recording worker files the queue's refill messages. @default none
   */
  readonly refills?: MemoryRefillRequests;
  /** As config `REFILL_NOTE_LOINC`. @default DEFAULT_REFILL_NOTE_LOINC */
  readonly refillNoteLoinc?: string;
  /** The live transcriber stand-in's delay between the end of streaming and the transcript's end. @default 800 */
  readonly liveFinalizationDelayMs?: number;
}): LocalSymptomPipeline {
  const jobs = new MemoryCaptureJobStore();
  const queue = new MemoryCaptureQueue();
  const spoken = new Map<string, SpokenMessage>();
  const notes = options.notes ?? new MemoryNoteStore({ clock: options.clock });
  const notifier = new MemoryNotifier(options.inboxBaseUrl === undefined ? {} : { inboxBaseUrl: options.inboxBaseUrl });
  const tasks = options.tasks ?? new MemoryTaskCreator();
  const handled = new Set<string>();

  const RECORDING_SCHEME = 'local-recording://';
  // Which contact a recording URI stands for: the transcriber "hears" that contact's typed words.
  const recordingOf = new Map<string, string>();
  const transcriber = new LocalTranscriptionJobs((uri) => {
    const contactId = recordingOf.get(uri);
    return contactId === undefined ? undefined : spoken.get(contactId)?.transcript;
  });
  // STAND-IN for reading Kinesis Video Streams: the words heard while this contact's audio streamed.
  const storeRecording = async (request: RecordingRequest): Promise<RecordingResult> => {
    const message = spoken.get(request.contactId);
    const words = message?.streaming ? message.transcript.trim() : '';
    if (words.length === 0) return { status: message ? 'silent' : 'empty', durationMs: 0 };
    // About 150 words a minute, for the log line's audio length.
    const durationMs = Math.round((words.split(/\s+/).length / 150) * 60_000);
    if (options.recordings) {
      const wav = syntheticMessageWav(words);
      const stored = await options.recordings.put(request.contactId, wav);
      recordingOf.set(stored.uri, request.contactId);
      return { status: 'recorded', uri: stored.uri, key: stored.key, durationMs, sampleCount: stored.sampleCount ?? 0, reused: false };
    }
    const uri = `${RECORDING_SCHEME}${request.contactId}`;
    recordingOf.set(uri, request.contactId);
    return { status: 'recorded', uri, key: request.contactId, durationMs, sampleCount: 0, reused: false };
  };
  const checks = new MemoryCheckScheduler();
  const completion: CompletionDeps = {
    jobs: { get: (contactId) => jobs.get(contactId) },
    transcripts: transcriber,
    location: { bucket: LOCAL_BUCKET, prefix: LOCAL_PREFIX },
    pipeline: {
      extractor: new LocalVocabularyExtractor(),
      translator: new LocalGlossaryTranslator(),
      store: notes,
      chart: options.chart,
      notifier,
      tasks,
      ...(options.inboxBaseUrl === undefined ? {} : { inboxBaseUrl: options.inboxBaseUrl }),
      organizationDisplay: options.organizationDisplay ?? 'Clinic phone line (automated)',
      clock: options.clock,
      ...(options.encounterStrategy ? { encounterStrategy: options.encounterStrategy } : {}),
      ...(options.encounterRequired !== undefined ? { encounterRequired: options.encounterRequired } : {}),
      ...(options.noteLoinc ? { noteLoinc: options.noteLoinc } : {}),
      ...(options.refillNoteLoinc ? { refillNoteLoinc: options.refillNoteLoinc } : {}),
    },
  };
  const worker: RecordingWorkerDeps = {
    jobs: completion.jobs,
    storeRecording,
    transcriber,
    store: notes,
    checks,
    jobStatus: { get: (jobName) => transcriber.state(jobName) },
    completion: async () => completion,
    clock: options.clock,
  };
  // The stream check runs as in AWS, on the simulator's stream: the local instance's region and account, its stream's name.
  const connectStreams = connectStreamsOf(LOCAL_INSTANCE_ARN, LOCAL_STREAM_NAME);
  const transcripts = new MemoryLiveTranscriptStore();
  const live = new LocalLiveTranscriber({ store: transcripts, clock: options.clock, finalizationDelayMs: options.liveFinalizationDelayMs ?? DEFAULT_LIVE_FINALIZATION_DELAY_MS });
  const triage = new LiveMessageTriage({ transcripts, jobs, notifier, tasks, clock: options.clock, ...(options.inboxBaseUrl === undefined ? {} : { inboxBaseUrl: options.inboxBaseUrl }) });
  const handler = createCaptureHandler(async () => ({ sessions: options.sessions, store: jobs, queue, clock: options.clock, connectInstanceArn: undefined, connectStreams, triage }));

  const filedOf = async (noteId: string, outcome: string): Promise<FiledMessage> => {
    const stored = await notes.get(noteId);
    const task = tasks.tasks.find((recorded) => recorded.contactId === stored?.taskContactId);
    return { noteId, stored, text: stored?.note ? renderNoteText(stored.note) : undefined, outcome, task };
  };

  return {
    captureFunction: async (event) => handler(event),
    recording: {
      heard: async (message) => {
        spoken.set(message.contactId, message);
        if (message.streaming) await live.hear(message.contactId, message.transcript);
      },
    },
    media: live.mediaHook(localMediaStreaming(() => options.clock.now())),
    live,
    notes,
    notifier,
    tasks,
    async drain() {
      const filed: FiledMessage[] = [];
      for (const message of queue.messages) {
        // The queue may hold a message twice (stop and hang-up both close the job); the worker is idempotent.
        if (handled.has(message.noteId)) continue;
        handled.add(message.noteId);
        let outcome: string;
        try {
          const recorded = await recordMessage(message, worker);
          outcome = recorded.outcome;
          for (let check = 0; check < MAX_CHECKS && outcome === 'transcribing'; check += 1) {
            const next = checks.scheduled.shift();
            if (!next) break;
            outcome = (await checkTranscription(next.check, worker)).outcome;
          }
        } catch (error) {
          outcome = error instanceof Error ? error.name : 'error';
        }
        filed.push(await filedOf(message.noteId, outcome));
      }
      // Refill requests, as the recording worker files the queue's refill messages: idempotent per note id.
      for (const request of options.refills?.requests ?? []) {
        if (handled.has(request.noteId)) continue;
        handled.add(request.noteId);
        let outcome: string;
        try {
          const result = await fileRefill(request, completion.pipeline);
          outcome = result.retry ? `retry.${result.retry.step}` : 'filed';
        } catch (error) {
          outcome = error instanceof Error ? error.name : 'error';
        }
        filed.push(await filedOf(request.noteId, outcome));
      }
      return filed;
    },
  };
}
