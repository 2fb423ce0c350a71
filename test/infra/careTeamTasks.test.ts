/**
 * The care team's tasks as CloudFormation gets them: the care-team-task flow rendered with the
 * context's queues, StartTaskContact granted on that flow and the instance's contacts only, the flow's
 * ARN in both workers' and the capture function's environment (the urgent page at `#`), and the "no task" alarm on their log event.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOWS, renderContactFlow, validateContactFlow } from '../../contact-flows/render';
import { TASK_ATTEMPTS } from '../../fulfillment/filing';
import { NO_TASK_PATTERN } from '../../infra/lib/SymptomPipeline';
import { cdkJsonContext } from '../support/cdkJson';
import { arr, obj } from '../support/lexTemplate';
import { resourceById, resources, statements, synthesizeClinicIvr, type SynthesizedApp } from '../support/infraApp';

describe('care-team tasks in the stack', () => {
  let synthesized: SynthesizedApp;
  const context = cdkJsonContext();
  const instance = String(context['connectInstanceArn']);

  beforeAll(() => {
    synthesized = synthesizeClinicIvr();
  }, 120_000);
  afterAll(() => rmSync(synthesized.outdir, { recursive: true, force: true }));

  const flowOf = () => resourceById(synthesized.template, 'AWS::Connect::ContactFlow', 'CareTeamTaskFlow');

  it('deploys the care-team-task flow as an inbound flow of the instance, rendered with the two queues of the context', () => {
    // Act
    const flow = flowOf();
    // Assess
    expect(flow.props).toMatchObject({ InstanceArn: instance, Name: 'care-team-task', Type: 'CONTACT_FLOW', State: 'ACTIVE' });
    const expected = renderContactFlow(FLOWS.careTeamTask, { CareTeamQueueArn: String(context['careTeamQueueArn']), UrgentQueueArn: String(context['urgentQueueArn']) });
    expect(flow.props['Content']).toBe(expected);
    expect(validateContactFlow(String(flow.props['Content']))).toEqual([]);
  });

  it.each([
    ['RecordingWorker', 'RecordingWorkerFunction'],
    ['TranscriptionWorker', 'TranscriptionWorkerFunction'],
    ['CaptureFunction', 'CaptureFunction'],
  ])('lets the %s start tasks on that flow and the instance\'s contacts only, and names the flow in its environment', (worker, functionId) => {
    // Prepare
    const flow = flowOf();
    const flowArn = { 'Fn::GetAtt': [flow.id, 'ContactFlowArn'] };
    // Act
    const policy = statements(resourceById(synthesized.template, 'AWS::IAM::ManagedPolicy', `SymptomPipeline${worker}Policy`).props['PolicyDocument']);
    const fn = resourceById(synthesized.template, 'AWS::Lambda::Function', `SymptomPipeline${functionId}`);
    // Assess
    const connect = policy.filter((statement) => JSON.stringify(statement['Action']).includes('connect:'));
    expect(connect).toEqual([{ Sid: 'StartCareTeamTasks', Effect: 'Allow', Action: 'connect:StartTaskContact', Resource: [flowArn, `${instance}/contact/*`] }]);
    expect(obj(obj(fn.props['Environment'])['Variables'])['CONNECT_TASK_FLOW_ARN']).toEqual(flowArn);
  });

  it('gives no other function of the stack any Amazon Connect action (the capture function pages urgent messages at #)', () => {
    // Act
    const granting = resources(synthesized.template, 'AWS::IAM::ManagedPolicy')
      .filter((policy) => JSON.stringify(policy.props['PolicyDocument']).includes('connect:'))
      .map((policy) => policy.id.replace(/[0-9A-F]{8}$/, ''));
    // Assess
    expect(granting.sort()).toEqual(['SymptomPipelineCaptureFunctionPolicy', 'SymptomPipelineRecordingWorkerPolicy', 'SymptomPipelineTranscriptionWorkerPolicy']);
  });

  it('raises the "no task" alarm on the first symptoms.task.gaveUp event in either worker\'s logs', () => {
    // Act
    const filters = resources(synthesized.template, 'AWS::Logs::MetricFilter').filter((filter) => filter.props['FilterPattern'] === NO_TASK_PATTERN);
    const alarm = resourceById(synthesized.template, 'AWS::CloudWatch::Alarm', 'SymptomPipelineNoTaskAlarm');
    const alarmTopic = resourceById(synthesized.template, 'AWS::SNS::Topic', 'AlarmsTopic').id;
    // Assess
    expect(NO_TASK_PATTERN).toBe('{ $.event = "symptoms.task.gaveUp" }');
    expect(filters.map((filter) => obj(filter.props['LogGroupName'])['Ref']).sort()).toEqual([
      resourceById(synthesized.template, 'AWS::Logs::LogGroup', 'SymptomPipelineRecordingWorkerLogGroup').id,
      resourceById(synthesized.template, 'AWS::Logs::LogGroup', 'SymptomPipelineTranscriptionWorkerLogGroup').id,
    ].sort());
    for (const filter of filters) expect(arr(filter.props['MetricTransformations'])).toEqual([{ MetricNamespace: 'ClinicIvr/ClinicIvr', MetricName: 'MessagesWithoutTask', MetricValue: '1' }]);
    expect(alarm.props).toMatchObject({
      Namespace: 'ClinicIvr/ClinicIvr',
      MetricName: 'MessagesWithoutTask',
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: alarmTopic }],
    });
  });

  it('gives up on a task after as many attempts as the capture queue receives its message', () => {
    // Act
    const counts = resources(synthesized.template, 'AWS::SQS::Queue')
      .map((queue) => obj(queue.props['RedrivePolicy'] ?? {})['maxReceiveCount'])
      .filter((count) => count !== undefined);
    // Assess
    expect(counts).toEqual([TASK_ATTEMPTS]);
  });

  it('outputs the flow and the two queues, which npm run import-flows reads', () => {
    // Act
    const outputs = obj(synthesized.template.toJSON()['Outputs']);
    // Assess
    expect(obj(outputs['CareTeamTaskFlowArn'])['Value']).toEqual({ 'Fn::GetAtt': [flowOf().id, 'ContactFlowArn'] });
    expect(obj(outputs['CareTeamQueueArn'])['Value']).toBe(context['careTeamQueueArn']);
    expect(obj(outputs['UrgentQueueArn'])['Value']).toBe(context['urgentQueueArn']);
  });
});
