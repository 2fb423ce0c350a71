import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { TASK_KINDS } from '../../contract';
import { MemoryNotifier, noteIdentifier } from '../../fulfillment/filing';
import { LocalVocabularyExtractor, MemoryNoteStore } from '../../fulfillment/notes';
import { RefillQueueError, refillNoteId, SqsRefillRequests, UnavailableRefillRequests, RefillsUnavailableError, type RefillRequest } from '../../fulfillment/refills';
import { MemoryTaskCreator } from '../../fulfillment/tasks';
import { createRecordingHandler, type CompletionDeps, type RecordingWorkerDeps } from '../../fulfillment/transcription';
import { DEMO_CALLER } from '../../sandbox/data/scenarios';
import { useLocalRuntime } from '../support/localRuntime';

const QUEUE_URL = 'https://sqs.us-east-1.amazonaws.com/111122223333/clinic-ivr-capture';
const sqs = mockClient(SQSClient);
afterEach(() => sqs.reset());

function request(contactId = '6f1d2c3b-0a9e-4f8d-b7c6-5a4b3c2d1e0f'): RefillRequest {
  const medicationRequestId = 'medrx-eleanor-whitfield-1';
  return { noteId: refillNoteId(contactId, medicationRequestId), contactId, patientId: DEMO_CALLER.patientId, medicationRequestId, medication: 'atorvastatin 20 milligram oral tablet' };
}

describe('refill request hand-off', () => {
  it('gives the same note id for the same call and order, and another for another call, with no patient data in it', () => {
    // Prepare / Act
    const first = refillNoteId('contact-a', 'medrx-1');
    // Assess
    expect(refillNoteId('contact-a', 'medrx-1')).toBe(first);
    expect(refillNoteId('contact-b', 'medrx-1')).not.toBe(first);
    expect(first).toMatch(/^refill-[0-9a-f]{40}$/);
  });

  it('sends one SQS message holding the request\'s five fields to the configured queue', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const refills = new SqsRefillRequests({ client: new SQSClient({ region: 'us-east-1' }), queueUrl: QUEUE_URL });
    const sent = request();
    // Act
    await refills.send({ ...sent, extra: 'not sent' } as RefillRequest);
    // Assess
    expect(sqs).toHaveReceivedCommandTimes(SendMessageCommand, 1);
    const body = JSON.parse(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.MessageBody ?? '{}');
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input.QueueUrl).toBe(QUEUE_URL);
    expect(body).toEqual({ refill: sent });
  });

  it('names a failed send RefillQueueError with the note id only, and a deployment without a queue RefillsUnavailableError', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const refills = new SqsRefillRequests({ client: new SQSClient({ region: 'us-east-1' }), queueUrl: QUEUE_URL });
    // Act / Assess
    const error = await refills.send(request()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RefillQueueError);
    expect((error as Error).message).not.toContain('atorvastatin');
    expect((error as Error).message).not.toContain(DEMO_CALLER.patientId);
    await expect(new UnavailableRefillRequests().send()).rejects.toBeInstanceOf(RefillsUnavailableError);
  });
});

describe('recording worker, refill messages', () => {
  const runtime = useLocalRuntime();

  function worker(): { deps: RecordingWorkerDeps; completion: CompletionDeps; notes: MemoryNoteStore; tasks: MemoryTaskCreator; notifier: MemoryNotifier } {
    const notes = new MemoryNoteStore({ clock: runtime.deps.clock });
    const tasks = new MemoryTaskCreator();
    const notifier = new MemoryNotifier();
    const completion = {
      jobs: { get: async () => undefined },
      transcripts: { read: async () => '' },
      location: { bucket: 'b', prefix: 'transcripts/' },
      pipeline: { extractor: new LocalVocabularyExtractor(), store: notes, chart: runtime.epic, notifier, tasks, organizationDisplay: 'Clinic phone line (automated)', refillNoteLoinc: '11506-3' },
    } as CompletionDeps;
    const unused = async () => Promise.reject(new Error('not used for refills'));
    const deps = { jobs: completion.jobs, storeRecording: unused, transcriber: { start: unused }, store: notes, checks: { schedule: unused }, jobStatus: { get: unused }, completion: async () => completion } as unknown as RecordingWorkerDeps;
    return { deps, completion, notes, tasks, notifier };
  }

  const event = (...bodies: string[]) => ({ Records: bodies.map((body, index) => ({ messageId: `m-${index}`, body, eventSource: 'aws:sqs' })) });

  it('files a refill message once, however often it is delivered: one note, one task of kind refill, one DocumentReference of the refill note type', async () => {
    // Prepare
    const { deps, notes, tasks, notifier } = worker();
    const sent = request('0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f');
    const body = JSON.stringify({ refill: sent });
    const handler = createRecordingHandler(async () => deps);
    // Act
    const first = await handler(event(body));
    const again = await handler(event(body, body));
    // Assess
    expect(first).toEqual({ batchItemFailures: [] });
    expect(again).toEqual({ batchItemFailures: [] });
    expect((await notes.get(sent.noteId))?.note).toMatchObject({ kind: 'refill', refill: { medicationRequestId: sent.medicationRequestId } });
    expect(tasks.tasks.map((task) => task.attributes['kind'])).toEqual([TASK_KINDS.refill]);
    expect(notifier.messages).toHaveLength(1);
    const documents = await runtime.epic.findDocuments(sent.patientId, noteIdentifier(sent.noteId));
    expect(documents).toHaveLength(1);
    expect(documents[0]?.type?.coding?.[0]?.code).toBe('11506-3');
  });

  it('returns a refill message of the wrong shape to the queue, and files nothing', async () => {
    // Prepare
    const { deps, tasks } = worker();
    // Act
    const response = await createRecordingHandler(async () => deps)(event(JSON.stringify({ refill: { noteId: 'refill-x' } })));
    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-0' }] });
    expect(tasks.tasks).toEqual([]);
  });
});
