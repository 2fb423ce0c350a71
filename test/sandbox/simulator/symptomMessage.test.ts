/**
 * A symptom message left on a simulated call goes the whole way on this machine: the flow's capture
 * branch, the real capture function (token check, job, queue), the recording worker and transcription
 * check, the pipeline, and a DocumentReference in the Epic sandbox.
 */
import type { Bundle, DocumentReference } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { NOTE_IDENTIFIER_SYSTEM } from '../../../fulfillment/filing';
import { DEMO_CALLER } from '../../../sandbox/data/scenarios';
import { localSymptomPipeline } from '../../../sandbox/localSymptoms';
import { useLocalRuntime } from '../../support/localRuntime';
import { playCall, type CallPrinter } from '../../../sandbox/simulator/flow';
import { routeTask } from '../../../sandbox/simulator/taskFlow';
import { taskForbiddenStrings } from '../../support/taskPatientStrings';
import { scriptOf } from '../../support/callRecorder';

const silent: CallPrinter = { ivr: () => undefined, caller: () => undefined, trace: () => undefined };

/** Verifies the demo caller (birth date, names spelled, sex), leaves `message`, says goodbye. */
const callLeaving = (message: string) => ['March 14, 1948', 'E L E A N O R', 'W H I T F I E L D', 'female', 'I want to leave a message for my doctor', message, 'goodbye'];

describe('symptom message on a simulated call', () => {
  const runtime = useLocalRuntime();

  async function leave(message: string) {
    const symptoms = localSymptomPipeline({ sessions: runtime.deps.sessions, chart: runtime.epic, clock: runtime.deps.clock });
    const result = await playCall({
      handler: runtime.handler,
      callerNumber: DEMO_CALLER.callerNumber,
      lines: scriptOf(callLeaving(message)),
      print: silent,
      searchStrategy: runtime.config.epic.patientSearch,
      functions: { SymptomCaptureFunctionArn: symptoms.captureFunction },
      hooks: { recording: symptoms.recording },
    });
    return { result, filed: await symptoms.drain(), symptoms };
  }

  it('files a structured note in the chart and tells the care team, without patient data', async () => {
    // Act
    const { result, filed, symptoms } = await leave('I have had a dry cough for three days and a mild headache, but no fever');
    // Assess: one message, filed as a DocumentReference of the caller in the sandbox
    expect(result.ending).toBe('goodbye');
    expect(filed).toHaveLength(1);
    const [message] = filed;
    expect(message?.outcome).toBe('filed');
    const id = message?.stored?.documentReferenceId;
    expect(id).toBeDefined();
    const document = await runtime.epic.fhir.read<DocumentReference>('DocumentReference', id as string);
    expect(document.subject?.reference).toBe(`Patient/${DEMO_CALLER.patientId}`);
    expect(document.identifier).toContainEqual({ system: NOTE_IDENTIFIER_SYSTEM, value: message?.noteId });
    const body = Buffer.from(document.content?.[0]?.attachment?.data ?? '', 'base64').toString('utf8');
    expect(body).toContain('Chief complaint: cough');
    expect(message?.stored?.note?.findings.find((finding) => finding.text.toLowerCase() === 'fever')?.negated).toBe(true);
    const notified = JSON.stringify(symptoms.notifier.messages);
    expect(notified).toContain(message?.noteId);
    expect(notified).not.toContain(DEMO_CALLER.patientId);
    expect(notified).not.toContain('cough');
  });

  it('gives two different notes for two different descriptions, and a red flag makes one urgent', async () => {
    // Act
    const first = await leave('My knee has been swollen since Monday');
    const second = await leave('I have crushing chest pain and I feel short of breath');
    // Assess
    const [a, b] = [first.filed[0]?.stored?.note, second.filed[0]?.stored?.note];
    expect(a?.chiefComplaint).not.toBe(b?.chiefComplaint);
    expect(a?.urgent).toBe(false);
    expect(b?.urgent).toBe(true);
    const search = await runtime.epic.fhir.search<DocumentReference>('DocumentReference', { patient: DEMO_CALLER.patientId });
    const ids = (search as Bundle<DocumentReference>).entry?.map((entry) => entry.resource?.id) ?? [];
    expect(ids).toEqual(expect.arrayContaining([first.filed[0]?.stored?.documentReferenceId, second.filed[0]?.stored?.documentReferenceId]));
  });

  it('files nothing when the caller says nothing while recording', async () => {
    // Act: an empty line is silence on the line
    const { filed } = await leave('');
    // Assess
    expect(filed.map((message) => message.outcome)).not.toContain('filed');
    expect(filed.every((message) => message.stored?.documentReferenceId === undefined)).toBe(true);
  });

  it('gives each stored message one care-team task, which the care-team-task flow queues by its urgency, with no patient data', async () => {
    // Act
    const routine = await leave('My knee has been swollen since Monday');
    const urgent = await leave('I have crushing chest pain and I feel short of breath');
    const routings = [];
    for (const { filed } of [routine, urgent]) {
      const task = filed[0]?.task;
      if (!task) throw new Error('no task recorded');
      routings.push(await routeTask({ contactId: task.contactId, attributes: task.attributes }));
    }
    // Assess
    for (const { filed, symptoms } of [routine, urgent]) {
      expect(symptoms.tasks.tasks).toHaveLength(1);
      expect(filed[0]?.stored?.taskContactId).toBe(symptoms.tasks.tasks[0]?.contactId);
      expect(filed[0]?.task).toMatchObject({ clientToken: filed[0]?.noteId, attributes: { kind: 'message', itemId: filed[0]?.noteId } });
      expect(filed[0]?.task?.relatedContactId).toBe(filed[0]?.stored?.contactId);
      const shown = JSON.stringify(filed[0]?.task);
      expect(taskForbiddenStrings().filter((form) => shown.includes(form))).toEqual([]);
      for (const word of ['knee', 'swollen', 'chest', 'breath']) expect(shown).not.toContain(word);
    }
    expect(routings.map((routing) => routing.queue)).toEqual(['CareTeamQueueArn', 'UrgentQueueArn']);
  });
});
