/**
 * The `care-team-task` flow: checked like the IVR flow, and run by the simulator's interpreter (the
 * same one `npm start` uses) for every kind and urgency a task can carry.
 */
import { describe, expect, it } from 'vitest';
import { CARE_TEAM_TASK_PLACEHOLDERS, FLOWS, renderContactFlow, validateContactFlow } from '../../contact-flows/render';
import type { FlowDocument } from '../../contact-flows/schema';
import { FLOW_PLACEHOLDERS, TASK_ATTRIBUTES, TASK_KINDS, TASK_URGENCIES, URGENT_MESSAGE_ATTRIBUTE, type TaskKind, type TaskUrgency } from '../../contract';
import { localCareTeamTaskFlow, routeTask } from '../../sandbox/simulator/taskFlow';

const QUEUES = {
  CareTeamQueueArn: 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000/queue/44444444-4444-4444-8444-444444444444',
  UrgentQueueArn: 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000/queue/55555555-5555-4555-8555-555555555555',
} as const;

const rendered = (): FlowDocument => JSON.parse(renderContactFlow(FLOWS.careTeamTask, QUEUES)) as FlowDocument;
const attributes = (kind: string, urgency: string) => ({ [TASK_ATTRIBUTES.kind]: kind, [TASK_ATTRIBUTES.urgency]: urgency, [TASK_ATTRIBUTES.itemId]: 'note-1' });

describe('care-team-task contact flow', () => {
  it('passes the flow validator once rendered, with exactly the two queue placeholders', () => {
    // Act
    const problems = validateContactFlow(renderContactFlow(FLOWS.careTeamTask, QUEUES));
    // Assess
    expect(problems).toEqual([]);
    expect([...CARE_TEAM_TASK_PLACEHOLDERS]).toEqual([FLOW_PLACEHOLDERS.careTeamQueue, FLOW_PLACEHOLDERS.urgentQueue]);
    expect(() => renderContactFlow(FLOWS.careTeamTask, { CareTeamQueueArn: QUEUES.CareTeamQueueArn })).toThrow(/UrgentQueueArn/);
  });

  it('routes on the attributes and values of the contract, and handles every kind', () => {
    // Act
    const compares = rendered().Actions.filter((action) => action.Type === 'Compare');
    const operands = (reference: string) =>
      compares.filter((action) => action.Parameters?.['ComparisonValue'] === reference).flatMap((action) => (action.Transitions?.Conditions ?? []).flatMap((condition) => condition.Condition.Operands));
    // Assess
    expect(operands(`$.Attributes.${TASK_ATTRIBUTES.urgency}`)).toEqual([TASK_URGENCIES.urgent]);
    expect(operands(`$.Attributes.${TASK_ATTRIBUTES.kind}`).sort()).toEqual(Object.values(TASK_KINDS).sort());
    expect(compares).toHaveLength(2);
  });

  it('sets the working queue only from the two placeholders and ends every path in a transfer or a disconnect', () => {
    // Act
    const flow = rendered();
    const queues = flow.Actions.filter((action) => action.Type === 'UpdateContactTargetQueue').map((action) => action.Parameters?.['QueueId']);
    const ends = flow.Actions.filter((action) => !['Compare', 'UpdateContactTargetQueue'].includes(action.Type)).map((action) => action.Type);
    // Assess
    expect(queues.sort()).toEqual([QUEUES.CareTeamQueueArn, QUEUES.UrgentQueueArn].sort());
    expect([...new Set(ends)].sort()).toEqual(['DisconnectParticipant', 'TransferContactToQueue']);
  });

  const cases = Object.values(TASK_KINDS).flatMap((kind) => Object.values(TASK_URGENCIES).map((urgency) => [kind, urgency] as [TaskKind, TaskUrgency]));

  it.each(cases)('queues a %s task of %s urgency in the queue its urgency and kind call for', async (kind, urgency) => {
    // Prepare
    const expected = urgency === TASK_URGENCIES.urgent || kind === TASK_KINDS.urgent ? FLOW_PLACEHOLDERS.urgentQueue : FLOW_PLACEHOLDERS.careTeamQueue;
    const local = localCareTeamTaskFlow();
    // Act
    const routing = await routeTask({ contactId: `task-${kind}-${urgency}`, attributes: attributes(kind, urgency) }, { flow: local });
    // Assess
    expect(routing).toMatchObject({ ending: 'transferred', queue: expected, queueArn: local.arns[expected] });
  });

  it('queues a task whose attributes it does not know, or lacks, to the care-team queue rather than dropping it', async () => {
    // Act
    const unknown = await routeTask({ contactId: 'task-odd', attributes: attributes('prescription', 'soonish') });
    const bare = await routeTask({ contactId: 'task-bare', attributes: {} });
    // Assess
    expect([unknown.queue, bare.queue]).toEqual([FLOW_PLACEHOLDERS.careTeamQueue, FLOW_PLACEHOLDERS.careTeamQueue]);
  });

  it('falls back to the care-team queue when the urgent queue cannot be set, and ends the task when no queue takes it', async () => {
    // Prepare: an urgent queue the instance cannot resolve (an unset reference fails UpdateContactTargetQueue).
    const local = localCareTeamTaskFlow();
    const brokenUrgent = (json: string) => json.replace(JSON.stringify(local.arns[FLOW_PLACEHOLDERS.urgentQueue]), '"$.Attributes.noSuchQueue"');
    // Act
    const fallback = await routeTask({ contactId: 'task-fallback', attributes: attributes('message', 'urgent') }, { flow: local, editFlow: brokenUrgent });
    const full = await routeTask({ contactId: 'task-full', attributes: attributes('message', 'urgent') }, { flow: local, clinic: { queueAtCapacity: true } });
    // Assess
    expect(fallback).toMatchObject({ ending: 'transferred', queue: FLOW_PLACEHOLDERS.careTeamQueue });
    expect(fallback.path).toEqual(['check-urgency', 'set-urgent-queue', 'set-care-team-queue', 'transfer-care-team']);
    expect(full.ending).toBe('disconnected');
    expect(full.queue).toBeUndefined();
    expect(full.path).toEqual(['check-urgency', 'set-urgent-queue', 'transfer-urgent', 'set-care-team-queue', 'transfer-care-team', 'end-task']);
  });

  it('copies nothing clinical of the call into a task: the contact attributes patient-ivr sets are the appointment id (before scheduling) and the urgent message id', () => {
    // Prepare: RelatedContactId "copies contact attributes from the related task contact to the new contact" (StartTaskContact).
    const ivr = JSON.parse(
      renderContactFlow(FLOWS.patientIvr, {
        PatientAuthBotAliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/ABCDEFGHIJ/TSTALIASID',
        PatientServicesBotAliasArn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/KLMNOPQRST/TSTALIASID',
        TransferQueueArn: QUEUES.CareTeamQueueArn,
        SymptomCaptureFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:clinic-ivr-symptom-capture',
        SchedulingQueueArn: QUEUES.CareTeamQueueArn,
        UrgentQueueArn: QUEUES.UrgentQueueArn,
      }),
    ) as FlowDocument;
    // Act
    const setters = ivr.Actions.filter((action) => action.Type === 'UpdateContactAttributes');
    // Assess: an Epic appointment id and a message id the nurse looks up in the inbox: neither names
    // anyone or says anything clinical (the task's own attributes say the same item id).
    expect(setters.map((action) => action.Parameters?.['Attributes'])).toEqual(
      expect.arrayContaining([{ appointmentId: '$.Lex.SessionAttributes.appointmentId' }, { [URGENT_MESSAGE_ATTRIBUTE]: '$.External.messageId' }]),
    );
    expect(setters).toHaveLength(2);
  });
});
