import * as z from 'zod';
import type { QueueRecord } from '../aws/sqsBatch';
import { TranscriptionError, WorkerMessageError } from './errors';
import { NOTE_ID_PATTERN } from '../notes/note';
import { FAILURE_REASONS, JOB_NAME_PREFIX, TRANSCRIBE_EVENT } from './constants';
import { refillRequestSchema, type RefillRequest } from '../refills';
import { MESSAGE_LANGUAGES } from '../../contract';

const contactId = z.string().regex(/^[A-Za-z0-9-]{1,128}$/);
const noteId = z.string().regex(NOTE_ID_PATTERN);

/** A capture queue message: a closed capture job to record (body `{ "contactId", "noteId" }`). */
const captureMessage = z.object({ contactId, noteId });

/** A delayed transcription check the recording worker sends itself on the capture queue. */
const checkMessage = z.object({
  contactId,
  noteId,
  transcriptionCheck: z.object({
    /** 1-based number of this check. */
    attempt: z.number().int().min(1).max(1000),
    /** Epoch milliseconds of the first check's scheduling. */
    since: z.number().int().min(0),
  }),
  /** The message's language, which says which Transcribe API holds the job (absent on checks sent before languages: en-US, medical). */
  language: z.enum(MESSAGE_LANGUAGES).optional(),
});

/** A refill request the code hook sent (`fulfillment/refills/`), filed by the same worker. */
const refillMessage = z.strictObject({ refill: refillRequestSchema });

/** A message of the capture queue, parsed. */
export type WorkerMessage =
  | ({ readonly kind: 'capture' } & z.infer<typeof captureMessage>)
  | ({ readonly kind: 'check' } & z.infer<typeof checkMessage>)
  | { readonly kind: 'refill'; readonly request: RefillRequest };

/** A transcription check, as sent on the queue (see {@link parseWorkerMessage}). */
export type TranscriptionCheck = z.infer<typeof checkMessage>;

/**
 * Parses a capture queue message body: a capture message, a transcription check, or a refill request.
 *
 * @throws WorkerMessageError naming nothing of the body (it could hold anything).
 * @example
 * const message = parseWorkerMessage(record.body); // { kind: 'capture', contactId, noteId }
 */
export function parseWorkerMessage(body: string): WorkerMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new WorkerMessageError('Queue message body is not JSON', { cause: error });
  }
  if (json !== null && typeof json === 'object' && 'refill' in json) {
    const refill = refillMessage.safeParse(json);
    if (!refill.success) throw new WorkerMessageError('Refill message has the wrong shape');
    return { kind: 'refill', request: refill.data.refill };
  }
  const check = checkMessage.safeParse(json);
  if (check.success) return { kind: 'check', ...check.data };
  if (json !== null && typeof json === 'object' && 'transcriptionCheck' in json) throw new WorkerMessageError('Transcription check message has the wrong shape');
  const capture = captureMessage.safeParse(json);
  if (!capture.success) throw new WorkerMessageError('Capture message must be {"contactId","noteId"} with a valid contact id and note id');
  return { kind: 'capture', ...capture.data };
}

/** The part of an SQS Lambda event the workers read. */
const sqsEvent = z.object({
  Records: z.array(z.object({ messageId: z.string().min(1), body: z.string(), eventSource: z.literal('aws:sqs').optional() })),
});


/**
 * The records of an SQS Lambda event.
 *
 * @throws WorkerMessageError when the event is not an SQS event.
 */
export function parseSqsEvent(event: unknown): readonly QueueRecord[] {
  const parsed = sqsEvent.safeParse(event);
  if (!parsed.success) throw new WorkerMessageError('Not an SQS event');
  return parsed.data.Records;
}

/** Terminal and running states of a (medical) transcription job. */
export const JOB_STATUSES = ['QUEUED', 'IN_PROGRESS', 'FAILED', 'COMPLETED'] as const;

/** `TranscriptionJobStatus` of a job. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The EventBridge "Transcribe Job State Change" event, as the Transcribe developer guide shows it. */
const transcribeEvent = z.object({
  source: z.literal(TRANSCRIBE_EVENT.source),
  'detail-type': z.literal(TRANSCRIBE_EVENT.detailType),
  detail: z.object({
    TranscriptionJobName: z.string().min(1).max(200),
    TranscriptionJobStatus: z.enum(JOB_STATUSES),
    FailureReason: z.string().optional(),
  }),
});

/** A job state change: which job, its status and, when FAILED, Transcribe's reason. */
export interface JobStateChange {
  readonly jobName: string;
  readonly status: JobStatus;
  readonly failureReason?: string;
}

/**
 * Parses a "Transcribe Job State Change" event.
 *
 * @throws WorkerMessageError when the event is not one.
 */
export function parseTranscribeEvent(event: unknown): JobStateChange {
  const parsed = transcribeEvent.safeParse(event);
  if (!parsed.success) throw new WorkerMessageError('Not a "Transcribe Job State Change" event');
  const { detail } = parsed.data;
  return {
    jobName: detail.TranscriptionJobName,
    status: detail.TranscriptionJobStatus,
    ...(detail.FailureReason !== undefined ? { failureReason: detail.FailureReason } : {}),
  };
}

/**
 * The note id of a job name: the inverse of `transcriptionJobName` for note ids (which match
 * `NOTE_ID_PATTERN`, so the name is the prefix and the id unchanged). `undefined` for a job this
 * pipeline did not start.
 *
 * @example
 * noteIdFromJobName('clinic-ivr-symptoms-note-0001'); // 'note-0001'
 */
export function noteIdFromJobName(jobName: string): string | undefined {
  if (!jobName.startsWith(JOB_NAME_PREFIX)) return undefined;
  const id = jobName.slice(JOB_NAME_PREFIX.length);
  return NOTE_ID_PATTERN.test(id) ? id : undefined;
}

/**
 * Key of a job's transcript in the output bucket: what `TranscribeMedicalTranscriber` asks Transcribe
 * to write (`<prefix><jobName>.json`).
 */
export function transcriptKey(jobName: string, prefix: string): string {
  if (!/^[0-9a-zA-Z._-]{1,200}$/.test(jobName)) throw new TranscriptionError('Not a Transcribe job name');
  return `${prefix}${jobName}.json`;
}

/** Short code of Transcribe's `FailureReason` sentence (`Other` for one not listed, `Unknown` when absent). */
export function failureCode(reason: string | undefined): string {
  if (!reason) return 'Unknown';
  return FAILURE_REASONS.find(([prefix]) => reason.startsWith(prefix))?.[1] ?? 'Other';
}
