/**
 * The Amazon Connect adapter of the care team's tasks, against a mocked ConnectClient answering as the
 * StartTaskContact API reference says (a `ContactId`; `ThrottlingException` 429,
 * `ServiceQuotaExceededException` 402, `ResourceNotFoundException` …): what it sends, that nothing
 * of a patient is in it, and how its failures are named.
 */
import { ConnectClient, ResourceNotFoundException, ServiceQuotaExceededException, StartTaskContactCommand, ThrottlingException } from '@aws-sdk/client-connect';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { TASK_ATTRIBUTES, TASK_INBOX_REFERENCE, TASK_KINDS, TASK_URGENCIES, type TaskKind, type TaskUrgency } from '../../contract';
import { ConnectTaskCreator, MemoryTaskCreator, parseTaskFlowArn, TaskContentError, TaskCreationError, TaskThrottledError, type CareTeamTask } from '../../fulfillment/tasks';
import { taskForbiddenStrings } from '../support/taskPatientStrings';

const INSTANCE_ID = '00000000-0000-4000-8000-000000000000';
const FLOW_ID = '33333333-3333-4333-8333-333333333333';
const FLOW_ARN = `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE_ID}/contact-flow/${FLOW_ID}`;
const CALL = '4a1f2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const NOTE = 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e';
const INBOX = 'https://abc123.execute-api.us-east-1.amazonaws.com';

const connect = mockClient(ConnectClient);
afterEach(() => connect.reset());

const creator = () => new ConnectTaskCreator({ client: new ConnectClient({ region: 'us-east-1' }), flowArn: FLOW_ARN });
const task = (overrides: Partial<CareTeamTask> = {}): CareTeamTask => ({
  kind: TASK_KINDS.message,
  urgency: TASK_URGENCIES.urgent,
  itemId: NOTE,
  relatedContactId: CALL,
  inboxUrl: `${INBOX}/messages/${NOTE}`,
  ...overrides,
});

/** An AWS SDK service exception as the client throws it. */
function awsError<T>(Exception: new (options: { message: string; $metadata: object }) => T): T {
  return new Exception({ message: 'Rate exceeded', $metadata: { httpStatusCode: 429 } });
}

describe('ConnectTaskCreator (StartTaskContact)', () => {
  it('starts the task on the care-team-task flow, linked to the call, with the inbox link, the routing attributes and the item id as ClientToken', async () => {
    // Prepare
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-1' });
    // Act
    const created = await creator().create(task());
    // Assess
    expect(created).toEqual({ contactId: 'task-1' });
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 1);
    expect(connect).toHaveReceivedCommandWith(StartTaskContactCommand, {
      InstanceId: INSTANCE_ID,
      ContactFlowId: FLOW_ID,
      Name: 'URGENT: phone message',
      Attributes: { [TASK_ATTRIBUTES.kind]: 'message', [TASK_ATTRIBUTES.urgency]: 'urgent', [TASK_ATTRIBUTES.itemId]: NOTE },
      References: { [TASK_INBOX_REFERENCE]: { Type: 'URL', Value: `${INBOX}/messages/${NOTE}` } },
      RelatedContactId: CALL,
      ClientToken: NOTE,
    });
    const input = connect.commandCalls(StartTaskContactCommand)[0]?.args[0].input;
    // The API has no queue parameter (routing is the flow's), and PreviousContactId would chain the task to the call's attributes.
    expect(Object.keys(input ?? {}).sort()).toEqual(['Attributes', 'ClientToken', 'ContactFlowId', 'Description', 'InstanceId', 'Name', 'References', 'RelatedContactId']);
    expect(input?.Description).toContain(NOTE);
  });

  const everyKindAndUrgency = Object.values(TASK_KINDS).flatMap((kind) => Object.values(TASK_URGENCIES).map((urgency) => [kind, urgency] as [TaskKind, TaskUrgency]));

  it.each(everyKindAndUrgency)('puts no name, birth date, phone number, MRN, patient id or clinical word of any sandbox patient in a %s task of %s urgency', async (kind, urgency) => {
    // Prepare
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-2' });
    // Act
    await creator().create(task({ kind, urgency }));
    // Assess: Name, Description and Attributes hold the kind, the urgency, the item id and fixed words only.
    const input = connect.commandCalls(StartTaskContactCommand)[0]?.args[0].input;
    const shown = JSON.stringify({ name: input?.Name, description: input?.Description, attributes: input?.Attributes });
    expect(taskForbiddenStrings().filter((form) => shown.includes(form))).toEqual([]);
    expect(input?.Attributes).toEqual({ kind, urgency, itemId: NOTE });
    expect(Buffer.byteLength(input?.Name ?? '', 'utf8')).toBeLessThanOrEqual(512);
    expect((input?.Description ?? '').length).toBeLessThanOrEqual(4096);
  });

  it('sends the same ClientToken again when a throttled task is retried, so Connect makes one task', async () => {
    // Prepare
    connect.on(StartTaskContactCommand).rejectsOnce(awsError(ThrottlingException)).resolves({ ContactId: 'task-3' });
    const tasks = creator();
    // Act
    const first = tasks.create(task());
    await expect(first).rejects.toBeInstanceOf(TaskThrottledError);
    const second = await tasks.create(task());
    // Assess
    expect(second).toEqual({ contactId: 'task-3' });
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 2);
    expect(connect).toHaveReceivedNthCommandWith(StartTaskContactCommand, 1, { ClientToken: NOTE });
    expect(connect).toHaveReceivedNthCommandWith(StartTaskContactCommand, 2, { ClientToken: NOTE });
  });

  it('names throttling and the active tasks quota as TaskThrottledError, anything else as TaskCreationError, with the AWS error name only', async () => {
    // Prepare
    connect
      .on(StartTaskContactCommand)
      .rejectsOnce(awsError(ThrottlingException))
      .rejectsOnce(awsError(ServiceQuotaExceededException))
      .rejectsOnce(awsError(ResourceNotFoundException))
      .resolvesOnce({});
    const tasks = creator();
    // Act
    const outcomes = [];
    for (let attempt = 0; attempt < 4; attempt += 1) outcomes.push(await tasks.create(task()).catch((error: unknown) => error));
    // Assess
    expect(outcomes.map((error) => [(error as Error).name, (error as TaskThrottledError).code])).toEqual([
      ['TaskThrottledError', 'ThrottlingException'],
      ['TaskThrottledError', 'ServiceQuotaExceededException'],
      ['TaskCreationError', 'ResourceNotFoundException'],
      ['TaskCreationError', 'NoContactId'],
    ]);
    expect(outcomes[2]).toBeInstanceOf(TaskCreationError);
    for (const error of outcomes) expect((error as Error).message).not.toContain('Rate exceeded');
  });

  it('says to open the inbox, and sends no References, when no inbox link is known', async () => {
    // Prepare
    connect.on(StartTaskContactCommand).resolves({ ContactId: 'task-4' });
    const { inboxUrl: _none, ...withoutLink } = task();
    // Act
    await creator().create(withoutLink);
    // Assess
    const input = connect.commandCalls(StartTaskContactCommand)[0]?.args[0].input;
    expect(input?.References).toBeUndefined();
    expect(input?.Description).toContain('Open it in the care-team inbox');
  });

  it('refuses, before calling Connect, an item id that could carry more than an id and a link that is not http(s)', async () => {
    // Act / Assess
    await expect(creator().create(task({ itemId: 'Eleanor Whitfield 1948-03-14' }))).rejects.toBeInstanceOf(TaskContentError);
    await expect(creator().create(task({ inboxUrl: 'javascript:alert(1)' }))).rejects.toBeInstanceOf(TaskContentError);
    expect(connect).toHaveReceivedCommandTimes(StartTaskContactCommand, 0);
  });

  it('reads the instance and the flow from the flow ARN, and refuses anything else', () => {
    // Act / Assess
    expect(parseTaskFlowArn(FLOW_ARN)).toEqual({ instanceId: INSTANCE_ID, contactFlowId: FLOW_ID });
    expect(() => parseTaskFlowArn(`arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE_ID}/queue/${FLOW_ID}`)).toThrow(TypeError);
  });
});

describe('MemoryTaskCreator (local stand-in)', () => {
  it('records what StartTaskContact would be sent and answers a repeated item with the same task, as ClientToken does', async () => {
    // Prepare
    let next = 0;
    const tasks = new MemoryTaskCreator({ newContactId: () => `local-task-${(next += 1)}` });
    // Act
    const first = await tasks.create(task());
    const again = await tasks.create(task());
    const other = await tasks.create(task({ itemId: 'another-note', urgency: TASK_URGENCIES.routine }));
    // Assess
    expect([first, again, other]).toEqual([{ contactId: 'local-task-1' }, { contactId: 'local-task-1' }, { contactId: 'local-task-2' }]);
    expect(tasks.tasks).toHaveLength(2);
    expect(tasks.tasks[0]).toMatchObject({
      contactId: 'local-task-1',
      name: 'URGENT: phone message',
      attributes: { kind: 'message', urgency: 'urgent', itemId: NOTE },
      references: { inbox: { Type: 'URL', Value: `${INBOX}/messages/${NOTE}` } },
      relatedContactId: CALL,
      clientToken: NOTE,
    });
  });
});
