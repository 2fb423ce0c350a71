import { Fn } from 'aws-cdk-lib';
import { CfnContactFlow, CfnIntegrationAssociation } from 'aws-cdk-lib/aws-connect';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { FLOW_DESCRIPTIONS, PATIENT_IVR_PLACEHOLDERS, renderContactFlow } from '../../contact-flows/render';
import type { ContactLanguage } from '../../contract';

/** Name of the flow in Connect, and of its template in `contact-flows/`. */
export const PATIENT_IVR_FLOW = 'patient-ivr';

/** Props of {@link ContactFlow}. */
export interface ContactFlowProps {
  /** ARN of the existing Amazon Connect instance the flow and the associations belong to. */
  readonly instanceArn: string;
  /** ARN of the PatientAuth bot alias (placeholder `PatientAuthBotAliasArn`). */
  readonly authAliasArn: string;
  /** ARN of the PatientServices bot alias (placeholder `PatientServicesBotAliasArn`). */
  readonly servicesAliasArn: string;
  /** ARN of the queue callers are transferred to (placeholder `TransferQueueArn`). */
  readonly transferQueueArn: string;
  /** ARN of the queue callers who want to change an appointment are transferred to (placeholder `SchedulingQueueArn`). */
  readonly schedulingQueueArn: string;
  /** ARN of the urgent (nurse) queue an urgent message's caller is transferred to at `#` (placeholder `UrgentQueueArn`). */
  readonly urgentQueueArn: string;
  /** E.164 after-hours nurse number (the flow's `afterHoursNurseNumber` setting). @default none */
  readonly afterHoursNurseNumber?: string;
  /** The language a call starts in (the flow's `defaultLanguage` setting, CDK context `defaultLanguage`). @default 'en-US' */
  readonly defaultLanguage?: ContactLanguage;
  /**
   * Lambda functions the flow invokes, by the placeholder that carries their ARN, e.g.
   * `{ SymptomCaptureFunctionArn: capture }`. Each is associated with the instance. @default none
   */
  readonly functions?: Readonly<Record<string, lambda.IFunction>>;
}

/**
 * The `patient-ivr` contact flow, rendered from its template in `contact-flows/` (the same one the
 * import script uses), with the ARNs of this deployment filled in, plus the integration
 * associations that let the Connect instance use the two Lex bot aliases and any Lambda function
 * the flow invokes. A phone number is attached to the flow afterwards, in the Connect console.
 *
 * Every placeholder of the template must get a value and every value must have a placeholder:
 * either mismatch fails synthesis, naming the placeholders.
 */
export class ContactFlow extends Construct {
  /** The flow. */
  public readonly flow: CfnContactFlow;
  /** Id of the flow (the last part of its ARN). */
  public readonly flowId: string;

  public constructor(scope: Construct, id: string, props: ContactFlowProps) {
    super(scope, id);
    const functions = props.functions ?? {};
    const values: Record<string, string> = {
      PatientAuthBotAliasArn: props.authAliasArn,
      PatientServicesBotAliasArn: props.servicesAliasArn,
      TransferQueueArn: props.transferQueueArn,
      SchedulingQueueArn: props.schedulingQueueArn,
      UrgentQueueArn: props.urgentQueueArn,
      ...Object.fromEntries(Object.entries(functions).map(([placeholder, fn]) => [placeholder, fn.functionArn])),
    };
    const missing = PATIENT_IVR_PLACEHOLDERS.filter((placeholder: string) => !(placeholder in values));
    const unused = Object.keys(values).filter((name) => !PATIENT_IVR_PLACEHOLDERS.some((placeholder: string) => placeholder === name));
    if (missing.length > 0 || unused.length > 0) {
      throw new Error(
        `ContactFlow ${PATIENT_IVR_FLOW}: ` +
          [
            missing.length > 0 ? `no value for placeholder(s) ${missing.join(', ')}` : '',
            unused.length > 0 ? `value(s) ${unused.join(', ')} match no placeholder of the template` : '',
          ]
            .filter(Boolean)
            .join('; '),
      );
    }

    this.flow = new CfnContactFlow(this, 'Flow', {
      instanceArn: props.instanceArn,
      name: PATIENT_IVR_FLOW,
      type: 'CONTACT_FLOW',
      state: 'ACTIVE',
      description: FLOW_DESCRIPTIONS[PATIENT_IVR_FLOW],
      // The ARNs may be CDK tokens; they become Fn::Join parts of the content string.
      content: renderContactFlow(PATIENT_IVR_FLOW, values, {
        ...(props.afterHoursNurseNumber === undefined ? {} : { afterHoursNurseNumber: props.afterHoursNurseNumber }),
        ...(props.defaultLanguage === undefined ? {} : { defaultLanguage: props.defaultLanguage }),
      }),
    });
    // arn:aws:connect:REGION:ACCOUNT:instance/INSTANCE_ID/contact-flow/FLOW_ID
    this.flowId = Fn.select(3, Fn.split('/', this.flow.attrContactFlowArn));

    // Connect may only use a Lex V2 bot or a Lambda function associated with the instance; the
    // association of a Lex V2 bot names its alias ARN (CloudFormation, AWS::Connect::IntegrationAssociation).
    const associations = [
      new CfnIntegrationAssociation(this, 'PatientAuthBot', {
        instanceId: props.instanceArn,
        integrationType: 'LEX_BOT',
        integrationArn: props.authAliasArn,
      }),
      new CfnIntegrationAssociation(this, 'PatientServicesBot', {
        instanceId: props.instanceArn,
        integrationType: 'LEX_BOT',
        integrationArn: props.servicesAliasArn,
      }),
    ];
    for (const [placeholder, fn] of Object.entries(functions)) {
      associations.push(
        new CfnIntegrationAssociation(this, `${placeholder}Function`, {
          instanceId: props.instanceArn,
          integrationType: 'LAMBDA_FUNCTION',
          integrationArn: fn.functionArn,
        }),
      );
      // Only this instance may invoke the function (Connect admin guide, "Grant Amazon Connect
      // access to your AWS Lambda functions").
      new lambda.CfnPermission(this, `${placeholder}InvokePermission`, {
        action: 'lambda:InvokeFunction',
        functionName: fn.functionArn,
        principal: 'connect.amazonaws.com',
        sourceArn: props.instanceArn,
      });
    }
    // Associate first, so the flow never names a bot or function the instance cannot use yet.
    for (const association of associations) this.flow.addResourceDependency(association);
  }
}
