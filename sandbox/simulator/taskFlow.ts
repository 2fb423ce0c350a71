import { FLOWS, placeholderSourcesOf, renderContactFlow } from '../../contact-flows/render';
import { MAX_FLOW_ACTIONS, runFlow, type CallPrinter, type Clinic, type FlowEnding } from './connect';
import { localArn } from './localFlow';

/** The `care-team-task` flow with local ARNs, and which placeholder each queue ARN stands for. */
export interface LocalTaskFlow {
  /** `care-team-task` rendered with a local queue ARN for every placeholder. */
  readonly json: string;
  /** The ARN given to each placeholder (`CareTeamQueueArn`, `UrgentQueueArn`). */
  readonly arns: Readonly<Record<string, string>>;
}

/**
 * Renders the deployed `care-team-task` flow for the simulator: each queue placeholder gets a fake
 * local queue ARN (`simulated-CareTeamQueueArn` …), so a routed task says which queue it landed in.
 *
 * @example
 * const { json, arns } = localCareTeamTaskFlow();
 */
export function localCareTeamTaskFlow(): LocalTaskFlow {
  const arns = Object.fromEntries(placeholderSourcesOf(FLOWS.careTeamTask).map(({ placeholder, kind }) => [placeholder, localArn(kind, placeholder)]));
  return { json: renderContactFlow(FLOWS.careTeamTask, arns), arns };
}

/** A task as Amazon Connect starts it: its contact id and the attributes `StartTaskContact` was given. */
export interface SimulatedTask {
  readonly contactId: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** Where a task went: queued (in which queue), or ended without a queue (the flow's error ending). */
export interface TaskRouting {
  readonly ending: FlowEnding;
  /** ARN of the queue the task was transferred to; absent when the flow ended without transferring it. */
  readonly queueArn?: string;
  /** The placeholder that queue stands for (`UrgentQueueArn` …). */
  readonly queue?: string;
  /** Identifiers of the flow's actions, in the order they ran. */
  readonly path: readonly string[];
}

const NO_LINES = { next: async () => undefined };
const SILENT: CallPrinter = { ivr: () => undefined, caller: () => undefined, trace: () => undefined };

/**
 * Runs the `care-team-task` flow, action by action, for one task, as Connect runs it when
 * `StartTaskContact` names the flow: a `TASK` contact started by the API whose contact attributes are
 * the task's. A task has no caller: the flow takes no input.
 *
 * @example
 * const routing = await routeTask({ contactId, attributes: { kind: 'message', urgency: 'urgent', itemId } });
 * routing.queue; // 'UrgentQueueArn'
 */
export async function routeTask(
  task: SimulatedTask,
  options: { readonly print?: CallPrinter; readonly flow?: LocalTaskFlow; readonly clinic?: Partial<Clinic>; readonly editFlow?: (json: string) => string } = {},
): Promise<TaskRouting> {
  const flow = options.flow ?? localCareTeamTaskFlow();
  const outcome = await runFlow({
    flow: options.editFlow ? options.editFlow(flow.json) : flow.json,
    contact: { contactId: task.contactId, channel: 'TASK', attributes: task.attributes },
    lines: NO_LINES,
    print: options.print ?? SILENT,
    ...(options.clinic ? { clinic: options.clinic } : {}),
    maxActions: MAX_FLOW_ACTIONS,
  });
  const queueArn = outcome.ending === 'transferred' ? outcome.contact.queue : undefined;
  const queue = Object.entries(flow.arns).find(([, arn]) => arn === queueArn)?.[0];
  return { ending: outcome.ending, path: outcome.path, ...(queueArn ? { queueArn } : {}), ...(queue ? { queue } : {}) };
}
