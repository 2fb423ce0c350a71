import { StartTaskContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import { taskContent } from './content';
import { TaskCreationError, TaskThrottledError } from './errors';
import type { CareTeamTask, CreatedTask, TaskCreator } from './ports';

/** The parts of a contact flow's ARN `StartTaskContact` needs. */
export interface TaskFlowRef {
  /** The instance's id (`InstanceId`). */
  readonly instanceId: string;
  /** The flow's id (`ContactFlowId`, the ARN's last part). */
  readonly contactFlowId: string;
}

/** `arn:aws:connect:<region>:<account>:instance/<instance id>/contact-flow/<flow id>` */
const FLOW_ARN = /^arn:aws[a-z-]*:connect:[a-z0-9-]+:\d{12}:instance\/([A-Za-z0-9-]{1,100})\/contact-flow\/([A-Za-z0-9-]{1,100})$/;

/**
 * The instance and flow ids of a contact flow ARN (config `CONNECT_TASK_FLOW_ARN`).
 *
 * @throws TypeError when `arn` is not a contact flow ARN
 * @example
 * parseTaskFlowArn('arn:aws:connect:us-east-1:111122223333:instance/i-1/contact-flow/f-1'); // { instanceId: 'i-1', contactFlowId: 'f-1' }
 */
export function parseTaskFlowArn(arn: string): TaskFlowRef {
  const match = FLOW_ARN.exec(arn);
  if (!match) throw new TypeError('A task flow ARN must be arn:aws:connect:<region>:<account>:instance/<id>/contact-flow/<id>');
  return { instanceId: match[1] as string, contactFlowId: match[2] as string };
}

/** AWS errors that mean "not now": the API's rate (429) or a quota such as the active tasks (402). */
const LOAD_ERRORS: ReadonlySet<string> = new Set(['ThrottlingException', 'ServiceQuotaExceededException']);

/** Options of {@link ConnectTaskCreator}. */
export interface ConnectTaskCreatorOptions {
  readonly client: ConnectClient;
  /** ARN of the `care-team-task` flow (config `CONNECT_TASK_FLOW_ARN`): its instance is where tasks are created. */
  readonly flowArn: string;
}

/**
 * Amazon Connect adapter: one `StartTaskContact` per item, with the `care-team-task` flow's
 * `ContactFlowId` (the API takes no queue: the flow routes by the task's attributes), the content of
 * {@link taskContent} and `ClientToken` = the item id, so a repeat (a retry after a lost answer, a
 * second run of the pipeline) answers the task already made. The SDK's own retries (standard mode:
 * up to 3 attempts with exponential backoff and jitter) cover a brief throttle within one call;
 * `ThrottlingException` and `ServiceQuotaExceededException` left after them become
 * {@link TaskThrottledError}, anything else {@link TaskCreationError}.
 *
 * @example
 * const tasks = new ConnectTaskCreator({ client: new ConnectClient({}), flowArn: config.symptoms.taskFlowArn });
 */
export class ConnectTaskCreator implements TaskCreator {
  readonly #client: ConnectClient;
  readonly #flow: TaskFlowRef;

  public constructor(options: ConnectTaskCreatorOptions) {
    this.#client = options.client;
    this.#flow = parseTaskFlowArn(options.flowArn);
  }

  public async create(task: CareTeamTask): Promise<CreatedTask> {
    const content = taskContent(task);
    let contactId: string | undefined;
    try {
      const answer = await this.#client.send(
        new StartTaskContactCommand({
          InstanceId: this.#flow.instanceId,
          ContactFlowId: this.#flow.contactFlowId,
          Name: content.name,
          Description: content.description,
          Attributes: { ...content.attributes },
          ...(content.references ? { References: { ...content.references } } : {}),
          RelatedContactId: content.relatedContactId,
          ClientToken: content.clientToken,
        }),
      );
      contactId = answer.ContactId;
    } catch (error) {
      const code = error instanceof Error ? error.name : 'UnknownError';
      const message = `StartTaskContact for item ${task.itemId} failed (${code})`;
      throw LOAD_ERRORS.has(code) ? new TaskThrottledError(message, code, { cause: error }) : new TaskCreationError(message, code, { cause: error });
    }
    if (!contactId) throw new TaskCreationError(`StartTaskContact for item ${task.itemId} answered no ContactId`, 'NoContactId');
    return { contactId };
  }
}
