import type { MessageLanguage } from '../../../contract';
import type { RecordingRequest } from '../audio/types';

/** Who closes a job: the flow's stop, the contact's DISCONNECTED event, or the scheduled sweep. */
export type CaptureCloser = 'caller' | 'disconnect' | 'sweep';

/**
 * One caller's message, from the moment the flow starts recording it to its hand-off to the symptom
 * pipeline. One job per contact (one message per call); the worker reads it by contact id.
 */
export interface CaptureJob {
  /** Amazon Connect contact id; also the Lex session id the session token is bound to. */
  readonly contactId: string;
  /** Id of the symptom note this message becomes (matches `NOTE_ID_PATTERN`). */
  readonly noteId: string;
  /** Epic FHIR Patient id of the verified caller, from the session token. */
  readonly patientId: string;
  /** `MediaStreams.Customer.Audio.StreamARN`: the Kinesis video stream holding the caller's audio. */
  readonly streamArn: string;
  /** `...Customer.Audio.StartFragmentNumber`: where this message's audio begins. */
  readonly startFragmentNumber: string;
  /** `...Customer.Audio.StartTimestamp`, epoch milliseconds, when Connect gave one. */
  readonly startTimestampMs?: number;
  /** `...Customer.Audio.StopTimestamp`, epoch milliseconds; absent when the caller hung up mid-message. */
  readonly stopTimestampMs?: number;
  /** `...Customer.Audio.StopFragmentNumber`, when Connect gave one. */
  readonly stopFragmentNumber?: string;
  /** The language the caller speaks in (the flow's `language`); absent on jobs stored before it was recorded: `en-US`. */
  readonly language?: MessageLanguage;
  /** `open` while the caller speaks; `closed` once the caller pressed # (or the time ran out) or hung up. */
  readonly status: 'open' | 'closed';
  /**
   * Who closed it: the flow after the message (`caller`), the contact's DISCONNECTED event, or the
   * scheduled sweep of jobs left open when that event was lost (`sweep`).
   */
  readonly closedBy?: CaptureCloser;
  /** ISO 8601 instant the job was registered. */
  readonly openedAt: string;
  /** ISO 8601 instant the job was closed. */
  readonly closedAt?: string;
  /** ISO 8601 instant the job was handed to the queue; absent until a send succeeded. */
  readonly enqueuedAt?: string;
  /** The live triage decided at `#` (issue 17); the first decision recorded stays. */
  readonly triage?: TriageRecord;
  /** The care team was paged at `#` for this urgent message: the durable "paged" marker the pipeline checks. */
  readonly urgentPage?: UrgentPageRecord;
}

/** What the stop call decided from the live transcript: the decision, the red flag's id, the rules' version. No words. */
export interface TriageRecord {
  readonly triage: 'urgent' | 'routine' | 'unknown';
  /** Id of the red flag (`RED_FLAG_IDS`) for an urgent message. */
  readonly flag?: string;
  /** `RED_FLAG_RULES_VERSION` of the rules that judged it. */
  readonly rulesVersion: string;
  /** ISO 8601 instant of the decision. */
  readonly decidedAt: string;
  /** How it was decided (`decided`, `quiet`, `lateUrgent`) or why `unknown` (`noLiveTranscript`, `liveFailed`, `late`): a code, never text. */
  readonly reason: string;
}

/**
 * The page of an urgent message at `#`: claimed once (a conditional write), then what was sent. The
 * pipeline reads it so that it pages no second time: no second notification when `notified`, and the
 * same task when `taskContactId` is set.
 */
export interface UrgentPageRecord {
  /** ISO 8601 instant the page was claimed. */
  readonly claimedAt: string;
  /** The SNS notification was published. */
  readonly notified?: boolean;
  /** Contact id of the urgent Connect task, once created. */
  readonly taskContactId?: string;
}

/** How a job is closed: who closed it and, from the flow, where Connect says the audio stops. */
export interface CaptureClose {
  readonly closedBy: CaptureCloser;
  /** ISO 8601 instant of the close. */
  readonly closedAt: string;
  readonly stopTimestampMs?: number;
  readonly stopFragmentNumber?: string;
}

/** Where Connect says the caller's audio stops, as a stop that came after the hang-up reports it. */
export interface CaptureStop {
  readonly stopTimestampMs: number;
  readonly stopFragmentNumber?: string;
}

/**
 * Whether a stop time falls within the job's window: not before the caller's audio started
 * (`startTimestampMs`, else the job's opening) and not after the job was closed. A stop that comes
 * after a hang-up without Connect's stop timestamp is bounded at its own arrival, after the close:
 * that time says nothing about the message and is outside.
 *
 * @example
 * if (job.closedBy === 'disconnect' && stopWithinJob(job, stop.stopTimestampMs)) await store.recordLateStop(job.contactId, stop);
 */
export function stopWithinJob(job: Pick<CaptureJob, 'startTimestampMs' | 'openedAt' | 'closedAt'>, stopTimestampMs: number): boolean {
  const startMs = job.startTimestampMs ?? Date.parse(job.openedAt);
  const endMs = job.closedAt !== undefined ? Date.parse(job.closedAt) : Number.POSITIVE_INFINITY;
  return stopTimestampMs >= startMs && stopTimestampMs <= endMs;
}

/** The body of a queue message: ids only, no patient data; the worker reads the job by contact id. */
export interface CaptureMessage {
  readonly contactId: string;
  readonly noteId: string;
}

/**
 * What the audio stage needs of a job: where the caller's audio of this message lives.
 *
 * @example
 * const request = toRecordingRequest(await getCaptureJob(store, contactId));
 */
export function toRecordingRequest(job: Pick<CaptureJob, 'contactId' | 'streamArn' | 'startFragmentNumber' | 'startTimestampMs' | 'stopTimestampMs'>): RecordingRequest {
  return {
    contactId: job.contactId,
    streamArn: job.streamArn,
    startFragmentNumber: job.startFragmentNumber,
    ...(job.startTimestampMs !== undefined ? { startTimestampMs: job.startTimestampMs } : {}),
    ...(job.stopTimestampMs !== undefined ? { stopTimestampMs: job.stopTimestampMs } : {}),
  };
}
