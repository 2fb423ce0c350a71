/**
 * The care team's task of each stored message, through the pipeline: one per message, routed by its
 * urgency, linked to the call and the inbox, retried with the same ClientToken when Connect throttles,
 * and given up ("no task", an error log the alarm counts) after the last attempt, the message kept.
 * Connect is the real adapter on a mocked ConnectClient; Epic is the sandbox.
 */
import { ConnectClient, StartTaskContactCommand, ThrottlingException } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { MemoryNotifier, pipelineDone, processTranscript, TASK_ATTEMPTS, type PipelineDeps } from '../../fulfillment/filing';
import { LocalVocabularyExtractor, MemoryNoteStore } from '../../fulfillment/notes';
import { logger } from '../../fulfillment/runtime/logger';
import { ConnectTaskCreator, MemoryTaskCreator } from '../../fulfillment/tasks';
import { captureOutput } from '../support/captureOutput';
import { useLocalRuntime } from '../support/localRuntime';

const FLOW_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000/contact-flow/33333333-3333-4333-8333-333333333333';
const INBOX = 'https://abc123.execute-api.us-east-1.amazonaws.com';
const PATIENT = 'pat-harold-halvorsen';
const URGENT = 'I have crushing chest pain since this morning and I feel short of breath.';
const ROUTINE = 'My knee has been swollen since Monday, no fever.';

const connect = mockClient(ConnectClient);
afterEach(() => connect.reset());
afterAll(() => logger.setLogLevel('INFO'));

let counter = 0;
const input = (transcript: string) => {
  counter += 1;
  return { noteId: `task-note-${Date.now()}-${counter}`, contactId: `call-${counter}`, patientId: PATIENT, transcript };
};

const throttled = () => new ThrottlingException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });

describe('the care team\'s task of a message', () => {
  const runtime = useLocalRuntime();

  function depsWith(tasks: PipelineDeps['tasks']): PipelineDeps & { store: MemoryNoteStore } {
    return {
      extractor: new LocalVocabularyExtractor(),
      store: new MemoryNoteStore(),
      notifier: new MemoryNotifier(),
      tasks,
      inboxBaseUrl: INBOX,
      chart: runtime.epic,
      organizationDisplay: 'Example Clinic phone line',
    };
  }
  const connectTasks = () => new ConnectTaskCreator({ client: new ConnectClient({ region: 'us-east-1' }), flowArn: FLOW_ARN });

  it('creates one task per message, urgent for a red flag and routine otherwise, linked to the call and the message page', async () => {
    // Prepare
    connect.on(StartTaskContactCommand).resolvesOnce({ ContactId: 'task-urgent' }).resolvesOnce({ ContactId: 'task-routine' });
    const deps = depsWith(connectTasks());
    const [urgent, routine] = [input(URGENT), input(ROUTINE)];
    // Act
    const results = [await processTranscript(urgent, deps), await processTranscript(routine, deps), await processTranscript(urgent, deps)];
    // Assess: the rerun of the first message sends nothing.
    expect(results.map((result) => [result.urgent, result.tasked, result.taskContactId])).toEqual([
      [true, true, 'task-urgent'],
      [false, true, 'task-routine'],
      [true, true, 'task-urgent'],
    ]);
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 2);
    expect(connect).toHaveReceivedNthCommandWith(StartTaskContactCommand, 1, {
      ContactFlowId: '33333333-3333-4333-8333-333333333333',
      Attributes: { kind: 'message', urgency: 'urgent', itemId: urgent.noteId },
      References: { inbox: { Type: 'URL', Value: `${INBOX}/messages/${urgent.noteId}` } },
      RelatedContactId: urgent.contactId,
      ClientToken: urgent.noteId,
    });
    expect(connect).toHaveReceivedNthCommandWith(StartTaskContactCommand, 2, {
      Attributes: { kind: 'message', urgency: 'routine', itemId: routine.noteId },
      RelatedContactId: routine.contactId,
      ClientToken: routine.noteId,
    });
    expect((await deps.store.get(urgent.noteId))?.taskContactId).toBe('task-urgent');
  });

  it('asks for a retry when Connect throttles, files the note in Epic meanwhile, and retries with the same ClientToken', async () => {
    // Prepare
    connect.on(StartTaskContactCommand).rejectsOnce(throttled()).resolves({ ContactId: 'task-after-throttle' });
    const deps = depsWith(connectTasks());
    const message = input(ROUTINE);
    // Act
    const first = await processTranscript(message, deps);
    const retried = await processTranscript(message, deps);
    // Assess
    expect(first).toMatchObject({ tasked: false, delivered: true, notified: true, retry: { step: 'tasked', error: 'TaskThrottledError:ThrottlingException' } });
    expect(retried).toMatchObject({ tasked: true, taskContactId: 'task-after-throttle', delivered: true, notified: true });
    expect(retried.retry).toBeUndefined();
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 2);
    expect(connect).toHaveReceivedNthCommandWith(StartTaskContactCommand, 1, { ClientToken: message.noteId });
    expect(connect).toHaveReceivedNthCommandWith(StartTaskContactCommand, 2, { ClientToken: message.noteId });
    const stored = await deps.store.get(message.noteId);
    expect(stored).toMatchObject({ taskContactId: 'task-after-throttle', taskFailures: 1, steps: { tasked: { state: 'done' } } });
    expect(pipelineDone(stored as NonNullable<typeof stored>)).toBe(true);
  });

  it(`gives up after ${TASK_ATTEMPTS} throttled attempts: "no task", an error log for the alarm, no further retry, the message kept and filed`, async () => {
    // Prepare
    logger.setLogLevel('INFO');
    connect.on(StartTaskContactCommand).rejects(throttled());
    const deps = depsWith(connectTasks());
    const message = input(URGENT);
    const results: Awaited<ReturnType<typeof processTranscript>>[] = [];
    // Act: one pipeline run per receive of the queue message, as many as the queue allows, and one more.
    const output = await captureOutput(async () => {
      for (let attempt = 0; attempt <= TASK_ATTEMPTS; attempt += 1) results.push(await processTranscript(message, deps));
    });
    // Assess
    expect(results.slice(0, TASK_ATTEMPTS - 1).every((result) => result.retry?.step === 'tasked')).toBe(true);
    const last = results[TASK_ATTEMPTS - 1];
    expect(last).toMatchObject({ tasked: false, noTask: true, delivered: true, notified: true });
    expect(last?.retry).toBeUndefined();
    expect(results[TASK_ATTEMPTS]).toMatchObject({ noTask: true });
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, TASK_ATTEMPTS);
    const stored = await deps.store.get(message.noteId);
    expect(stored).toMatchObject({ taskFailures: TASK_ATTEMPTS, steps: { tasked: { state: 'failed', error: 'TaskThrottledError:ThrottlingException' } } });
    expect(stored?.note?.urgent).toBe(true);
    expect(stored?.documentReferenceId).toBeDefined();
    expect(pipelineDone(stored as NonNullable<typeof stored>)).toBe(true);
    const gaveUp = output.split('\n').filter((line) => line.includes('"symptoms.task.gaveUp"'));
    expect(gaveUp).toHaveLength(1);
    expect(JSON.parse(gaveUp[0] as string)).toMatchObject({ level: 'ERROR', noteId: message.noteId, attempt: TASK_ATTEMPTS, urgency: 'urgent' });
    for (const word of ['chest', 'breath', PATIENT]) expect(output).not.toContain(word);
  });

  it('makes one task when two runs handle the same message at once', async () => {
    // Prepare
    const tasks = new MemoryTaskCreator();
    const deps = depsWith(tasks);
    const message = input(ROUTINE);
    // Act
    await Promise.all([processTranscript(message, deps), processTranscript(message, deps)]);
    const redelivered = await processTranscript(message, deps);
    // Assess
    expect(tasks.tasks).toHaveLength(1);
    expect(redelivered).toMatchObject({ tasked: true, taskContactId: tasks.tasks[0]?.contactId });
  });
});
