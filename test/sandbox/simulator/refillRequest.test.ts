/**
 * A refill request made on a simulated call goes the whole way on this machine: the deployed flow,
 * the real code hook (the medication chosen from the list heard, confirmed by name), the hand-off to
 * the refill port, and, after the call, the filing: one note of kind `refill` in the inbox's store,
 * one DocumentReference in the Epic sandbox, one care-team task, one notification.
 */
import { readFileSync } from 'node:fs';
import type { DocumentReference } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { TASK_KINDS } from '../../../contract';
import { noteIdentifier } from '../../../fulfillment/filing';
import { MemoryNoteStore } from '../../../fulfillment/notes';
import { MemoryTaskCreator } from '../../../fulfillment/tasks';
import { DEMO_CALLER } from '../../../sandbox/data/scenarios';
import { localSymptomPipeline } from '../../../sandbox/localSymptoms';
import { playCall } from '../../../sandbox/simulator/flow';
import { scriptLines } from '../../../sandbox/simulator/script';
import { routeTask } from '../../../sandbox/simulator/taskFlow';
import { useLocalRuntime } from '../../support/localRuntime';
import { taskForbiddenStrings } from '../../support/taskPatientStrings';
import { captureOutput } from '../../support/captureOutput';
import { logger } from '../../../fulfillment/runtime/logger';
import { medicationDataIn, patientDataIn } from '../../support/patientStrings';
import { recorder, scriptOf } from '../../support/callRecorder';

const bundledScript = (): string[] => scriptLines(readFileSync(new URL('../../../sandbox/simulator/refill-call.txt', import.meta.url), 'utf8'));

/** Verifies the demo caller, hears the list, asks for the second one, says yes; then `more` lines, then goodbye. */
const refillCall = (...more: string[]): string[] => ['March 14, 1948', 'E L E A N O R', 'W H I T F I E L D', 'female', 'what are my medications', 'refill the second one', 'yes', ...more, 'goodbye'];

describe('refill request on a simulated call', () => {
  const runtime = useLocalRuntime();

  async function call(lines: readonly string[], stores = { notes: new MemoryNoteStore({ clock: runtime.deps.clock }), tasks: new MemoryTaskCreator() }) {
    const before = runtime.refills.requests.length;
    const print = recorder();
    const result = await playCall({ handler: runtime.handler, callerNumber: DEMO_CALLER.callerNumber, lines: scriptOf(lines), print, searchStrategy: runtime.config.epic.patientSearch });
    const sent = runtime.refills.requests.slice(before);
    const pipeline = () => localSymptomPipeline({ sessions: runtime.deps.sessions, chart: runtime.epic, clock: runtime.deps.clock, refills: runtime.refills, ...stores });
    return { result, print, sent, pipeline, stores };
  }

  it('plays the bundled refill script: the second medication heard is confirmed by name and filed after the call', async () => {
    // Act
    const { result, print, sent, pipeline } = await call(bundledScript());
    const local = pipeline();
    const filed = (await local.drain()).filter((item) => item.noteId === sent[0]?.noteId);
    // Assess: the caller heard the medication named, and that it was sent
    expect(result.ending).toBe('goodbye');
    const heard = print.heard.join('\n');
    expect(heard).toContain('You would like a refill of atorvastatin 20 milligram oral tablet.');
    expect(heard).toContain('Your refill request for atorvastatin 20 milligram oral tablet was sent to your care team.');
    expect(sent).toEqual([expect.objectContaining({ patientId: DEMO_CALLER.patientId, medicationRequestId: 'medrx-eleanor-whitfield-1' })]);
    // Filed: the note, the DocumentReference with the refill text, the task routed to the care team
    expect(filed).toHaveLength(1);
    expect(filed[0]?.outcome).toBe('filed');
    expect(filed[0]?.stored?.note).toMatchObject({ kind: 'refill', chiefComplaint: 'Refill request: atorvastatin 20 milligram oral tablet' });
    const document = await runtime.epic.fhir.read<DocumentReference>('DocumentReference', filed[0]?.stored?.documentReferenceId as string);
    expect(document.description).toBe('Refill request (phone line)');
    expect(Buffer.from(document.content?.[0]?.attachment?.data ?? '', 'base64').toString('utf8')).toContain('Medication: atorvastatin 20 milligram oral tablet');
    const task = filed[0]?.task;
    expect(task?.attributes).toMatchObject({ kind: TASK_KINDS.refill, itemId: sent[0]?.noteId });
    expect((await routeTask({ contactId: task?.contactId as string, attributes: task?.attributes ?? {} })).queue).toBe('CareTeamQueueArn');
    // No patient data in the task or the notification
    const shown = JSON.stringify([task, local.notifier.messages]);
    expect(taskForbiddenStrings().filter((form) => shown.includes(form))).toEqual([]);
    expect(shown).not.toContain('atorvastatin');
    expect(shown).not.toContain(DEMO_CALLER.patientId);
  });

  it('appears once in the inbox, in Epic and in the task list when asked twice in the call and filed twice', async () => {
    // Act: asked again by name in the same call, then the worker files the queue twice (a redelivery)
    const { print, sent, pipeline, stores } = await call(refillCall('refill my atorvastatin'));
    await pipeline().drain();
    await pipeline().drain();
    // Assess
    expect(print.heard.join('\n')).toContain('I already sent a refill request for atorvastatin 20 milligram oral tablet on this call.');
    expect(sent).toHaveLength(1);
    const noteId = sent[0]?.noteId as string;
    const inbox = await stores.notes.list({ filter: 'all', limit: 100 });
    expect(inbox.items.filter((item) => item.noteId === noteId)).toHaveLength(1);
    expect(stores.tasks.tasks.filter((task) => task.attributes['itemId'] === noteId)).toHaveLength(1);
    expect(await runtime.epic.findDocuments(DEMO_CALLER.patientId, noteIdentifier(noteId))).toHaveLength(1);
  });

  it('logs no patient data, drug name, order id or patient id while a refill is asked, sent and filed', async () => {
    // Prepare
    logger.setLogLevel('DEBUG');
    // Act
    const output = await captureOutput(async () => {
      const { pipeline } = await call(refillCall('refill my atorvastatin'));
      await pipeline().drain();
    }).finally(() => logger.setLogLevel('INFO'));
    // Assess
    expect(output).toContain('refills.processed');
    expect(patientDataIn(output)).toEqual([]);
    expect(medicationDataIn(output)).toEqual([]);
    expect(output).not.toContain(DEMO_CALLER.patientId);
  });

  it('sends nothing when the caller says no, and files nothing after the call', async () => {
    // Act
    const { print, sent } = await call(['March 14, 1948', 'E L E A N O R', 'W H I T F I E L D', 'female', 'what are my medications', 'refill my albuterol', 'no', 'goodbye']);
    // Assess
    const heard = print.heard.join('\n');
    expect(heard).toContain('may still have refills. Your pharmacy can fill it directly.');
    expect(heard).toContain('I did not send a refill request.');
    expect(sent).toEqual([]);
  });
});
