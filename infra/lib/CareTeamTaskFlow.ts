import { Validations } from 'aws-cdk-lib';
import { CfnContactFlow } from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { CARE_TEAM_TASK_PLACEHOLDERS, FLOW_DESCRIPTIONS, FLOWS, renderContactFlow } from '../../contact-flows/render';
import { FLOW_PLACEHOLDERS } from '../../contract';
import type { NodeFunction } from './NodeFunction';
import { wildcardAcknowledgement } from './symptomPipelinePolicies';

/** Props of {@link CareTeamTaskFlow}. */
export interface CareTeamTaskFlowProps {
  /** ARN of the existing Amazon Connect instance the flow belongs to and the tasks are created in. */
  readonly instanceArn: string;
  /** ARN of the queue of routine care-team tasks (placeholder `CareTeamQueueArn`). */
  readonly careTeamQueueArn: string;
  /** ARN of the queue of urgent care-team tasks (placeholder `UrgentQueueArn`). */
  readonly urgentQueueArn: string;
}

/**
 * The `care-team-task` contact flow, rendered from its template in `contact-flows/` (the same one the
 * import script uses) with the two queues of this deployment: every care-team task
 * (`StartTaskContact` names it by `ContactFlowId`; the API takes no queue) is routed by it to the
 * urgent or the care-team queue. An inbound flow (`CONTACT_FLOW`): a task started by the API runs the
 * inbound flow it names (Connect admin guide, "Contact initiation methods and flow types"). It
 * invokes no Lambda function and no bot, so nothing is associated with the instance for it.
 */
export class CareTeamTaskFlow extends Construct {
  /** The flow. */
  public readonly flow: CfnContactFlow;
  /** ARN of the flow (`arn:aws:connect:<region>:<account>:instance/<id>/contact-flow/<id>`): `CONNECT_TASK_FLOW_ARN` of the workers. */
  public readonly flowArn: string;
  readonly #instanceArn: string;

  public constructor(scope: Construct, id: string, props: CareTeamTaskFlowProps) {
    super(scope, id);
    this.#instanceArn = props.instanceArn;
    const values: Record<(typeof CARE_TEAM_TASK_PLACEHOLDERS)[number], string> = {
      [FLOW_PLACEHOLDERS.careTeamQueue]: props.careTeamQueueArn,
      [FLOW_PLACEHOLDERS.urgentQueue]: props.urgentQueueArn,
    };
    this.flow = new CfnContactFlow(this, 'Flow', {
      instanceArn: props.instanceArn,
      name: FLOWS.careTeamTask,
      type: 'CONTACT_FLOW',
      state: 'ACTIVE',
      description: FLOW_DESCRIPTIONS[FLOWS.careTeamTask],
      content: renderContactFlow(FLOWS.careTeamTask, values),
    });
    this.flowArn = this.flow.attrContactFlowArn;
  }

  /**
   * Lets `fn` create care-team tasks run by this flow, and nothing else: `connect:StartTaskContact` on
   * this flow (the action's one required resource type, `contact-flow`) and on the instance's
   * contacts (`contact`, which the related call's contact is; Service Authorization Reference, Amazon
   * Connect, StartTaskContact). No other flow, no quick connect, no task template, no other instance.
   */
  public grantStartTask(fn: NodeFunction): void {
    const contacts = `${this.#instanceArn}/contact/*`;
    fn.addToPolicy(
      new iam.PolicyStatement({
        sid: 'StartCareTeamTasks',
        actions: ['connect:StartTaskContact'],
        resources: [this.flowArn, contacts],
      }),
    );
    Validations.of(fn.policy).acknowledge(
      wildcardAcknowledgement(
        contacts,
        'StartTaskContact is also evaluated against the contact a task is related to (RelatedContactId: the call the ' +
          'message was left on), whose id exists only at run time; the resource is limited to contacts of this ' +
          'Connect instance, and the action to the care-team-task flow.',
      ),
    );
  }
}
