import { App, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { PATIENT_IVR_PLACEHOLDERS } from '../../contact-flows/render';
import type { ContactLanguage } from '../../contract';
import { ContactFlow } from '../../infra/lib/ContactFlow';
import { obj } from '../support/lexTemplate';
import { resources } from '../support/infraApp';

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/00000000-0000-4000-8000-000000000000';
const QUEUE = `${INSTANCE}/queue/11111111-1111-4111-8111-111111111111`;
const SCHEDULING_QUEUE = `${INSTANCE}/queue/66666666-6666-4666-8666-666666666666`;
const AUTH_ALIAS = 'arn:aws:lex:us-east-1:111122223333:bot-alias/AUTHBOTID1/AUTHALIAS1';
const SERVICES_ALIAS = 'arn:aws:lex:us-east-1:111122223333:bot-alias/SVCBOTID01/SVCALIAS01';

/** Placeholders the construct fills from its own props, not from `functions`. */
const FIXED = ['PatientAuthBotAliasArn', 'PatientServicesBotAliasArn', 'TransferQueueArn', 'SchedulingQueueArn', 'UrgentQueueArn'];
const URGENT_QUEUE = `${INSTANCE}/queue/55555555-5555-4555-8555-555555555555`;

/** A stack with the flow; every placeholder beyond the fixed ones gets a function of its own. */
function flowStack(extraFunctions: readonly string[] = [], defaultLanguage?: ContactLanguage): Stack {
  const stack = new Stack(new App(), 'FlowTest');
  const functions = Object.fromEntries(
    [...PATIENT_IVR_PLACEHOLDERS.filter((name: string) => !FIXED.includes(name)), ...extraFunctions].map((name: string) => [
      name,
      lambda.Function.fromFunctionArn(stack, name, `arn:aws:lambda:us-east-1:111122223333:function:${name}`),
    ]),
  );
  new ContactFlow(stack, 'PatientIvr', {
    instanceArn: INSTANCE,
    authAliasArn: AUTH_ALIAS,
    servicesAliasArn: SERVICES_ALIAS,
    transferQueueArn: QUEUE,
    schedulingQueueArn: SCHEDULING_QUEUE,
    urgentQueueArn: URGENT_QUEUE,
    functions,
    ...(defaultLanguage ? { defaultLanguage } : {}),
  });
  return stack;
}

describe('ContactFlow', () => {
  it('renders patient-ivr as an active contact flow of the instance with every placeholder filled', () => {
    // Act
    const [flow] = resources(Template.fromStack(flowStack()), 'AWS::Connect::ContactFlow');
    // Assess
    expect(flow?.props).toMatchObject({ InstanceArn: INSTANCE, Name: 'patient-ivr', Type: 'CONTACT_FLOW', State: 'ACTIVE' });
    const content = String(flow?.props['Content']);
    for (const placeholder of PATIENT_IVR_PLACEHOLDERS) expect(content).not.toContain(`\${${placeholder}}`);
    expect(content).toContain(AUTH_ALIAS);
    expect(content).toContain(SERVICES_ALIAS);
    expect(content).toContain(QUEUE);
    expect(content).toContain(SCHEDULING_QUEUE);
  });

  it('renders the line language into the flow: en-US by default, es-US when the deployment says so', () => {
    // Act
    const lineLanguage = (stack: Stack): unknown => {
      const [flow] = resources(Template.fromStack(stack), 'AWS::Connect::ContactFlow');
      const content = JSON.parse(String(flow?.props['Content'])) as { Actions: { Identifier: string; Parameters?: { FlowAttributes?: unknown } }[] };
      return content.Actions.find((action) => action.Identifier === 'line-language')?.Parameters?.FlowAttributes;
    };
    // Assess
    expect(lineLanguage(flowStack())).toEqual({ lineLanguage: { Value: 'en-US' } });
    expect(lineLanguage(flowStack([], 'es-US'))).toEqual({ lineLanguage: { Value: 'es-US' } });
  });

  it('associates both bot aliases, and every function the flow invokes, with the instance before the flow', () => {
    // Act
    const template = Template.fromStack(flowStack());
    const associations = resources(template, 'AWS::Connect::IntegrationAssociation');
    const [flow] = resources(template, 'AWS::Connect::ContactFlow');
    // Assess
    const functionCount = PATIENT_IVR_PLACEHOLDERS.filter((name: string) => !FIXED.includes(name)).length;
    expect(associations.map((association) => [association.props['IntegrationType'], association.props['IntegrationArn']])).toEqual(
      expect.arrayContaining([
        ['LEX_BOT', AUTH_ALIAS],
        ['LEX_BOT', SERVICES_ALIAS],
      ]),
    );
    expect(associations.filter((association) => association.props['IntegrationType'] === 'LAMBDA_FUNCTION')).toHaveLength(functionCount);
    for (const association of associations) expect(association.props['InstanceId']).toBe(INSTANCE);
    expect(flow?.resource['DependsOn']).toEqual(expect.arrayContaining(associations.map((association) => association.id)));
    for (const permission of resources(template, 'AWS::Lambda::Permission')) {
      expect(permission.props).toMatchObject({ Principal: 'connect.amazonaws.com', SourceArn: INSTANCE });
    }
  });

  it('fills token values (ARNs known only at deployment) into the content', () => {
    // Prepare
    const stack = new Stack(new App(), 'TokenFlow');
    const queue = Fn.importValue('TransferQueueArn');
    // Act
    new ContactFlow(stack, 'PatientIvr', {
      instanceArn: INSTANCE,
      authAliasArn: AUTH_ALIAS,
      servicesAliasArn: SERVICES_ALIAS,
      transferQueueArn: queue,
      schedulingQueueArn: SCHEDULING_QUEUE,
      urgentQueueArn: URGENT_QUEUE,
      functions: Object.fromEntries(
        PATIENT_IVR_PLACEHOLDERS.filter((name: string) => !FIXED.includes(name)).map((name: string) => [
          name,
          lambda.Function.fromFunctionArn(stack, name, `arn:aws:lambda:us-east-1:111122223333:function:${name}`),
        ]),
      ),
    });
    const [flow] = resources(Template.fromStack(stack), 'AWS::Connect::ContactFlow');
    // Assess
    expect(JSON.stringify(obj(flow?.props)['Content'])).toContain('{"Fn::ImportValue":"TransferQueueArn"}');
  });

  it('refuses a function that matches no placeholder of the template', () => {
    // Act
    const create = (): Stack => flowStack(['NoSuchPlaceholderArn']);
    // Assess
    expect(create).toThrow(/NoSuchPlaceholderArn match no placeholder/);
  });
});
