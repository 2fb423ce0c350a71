import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { ALARM_PERIOD, functionErrorsAlarm, notifyingAlarm } from '../../infra/lib/alarms';
import { NodeFunction } from '../../infra/lib/NodeFunction';
import { constructTestStack, resourceById } from '../support/infraApp';

/** A stack with a topic, a function and whatever alarms `add` creates on them. */
function alarmTemplate(add: (parts: { stack: ReturnType<typeof constructTestStack>; topic: sns.Topic; fn: NodeFunction }) => void): Template {
  const stack = constructTestStack();
  const topic = new sns.Topic(stack, 'AlarmTopic');
  const fn = new NodeFunction(stack, 'Fn', {
    entry: 'fulfillment/functions/jwks/handler.ts',
    description: 'test function',
    encryptionKey: new kms.Key(stack, 'DataKey'),
  });
  // A code policy must have a statement (CDK refuses an empty managed policy).
  fn.addToPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
  add({ stack, topic, fn });
  return Template.fromStack(stack);
}

describe('alarms', () => {
  it('fires on one occurrence in one five-minute period, treats no data as OK, and notifies on ALARM and OK', () => {
    // Act
    const template = alarmTemplate(({ stack, topic }) =>
      notifyingAlarm(stack, 'QueueAlarm', {
        metric: new cloudwatch.Metric({ namespace: 'Test', metricName: 'Failures', period: ALARM_PERIOD, statistic: 'Maximum' }),
        description: 'Something failed.',
        topic,
      }),
    );
    const alarm = resourceById(template, 'AWS::CloudWatch::Alarm', 'QueueAlarm');
    const topicRef = { Ref: resourceById(template, 'AWS::SNS::Topic', 'AlarmTopic').id };
    // Assess
    expect(alarm.props).toMatchObject({
      AlarmDescription: 'Something failed.',
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Period: 300,
      AlarmActions: [topicRef],
      OKActions: [topicRef],
    });
  });

  it('takes a threshold, periods and comparison when one occurrence is not the signal', () => {
    // Act
    const template = alarmTemplate(({ stack, topic, fn }) =>
      notifyingAlarm(stack, 'SlowAlarm', {
        metric: fn.function.metricDuration({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.p(99) }),
        description: 'Slow.',
        topic,
        threshold: 5000,
        evaluationPeriods: 3,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      }),
    );
    // Assess
    expect(resourceById(template, 'AWS::CloudWatch::Alarm', 'SlowAlarm').props).toMatchObject({
      Threshold: 5000,
      EvaluationPeriods: 3,
      ComparisonOperator: 'GreaterThanThreshold',
      ExtendedStatistic: 'p99',
    });
  });

  it('watches a function\'s Lambda errors, summed over five minutes, as ErrorsAlarm of the given scope', () => {
    // Act
    const template = alarmTemplate(({ topic, fn }) => functionErrorsAlarm(fn, fn, 'The function failed.', topic));
    const alarm = resourceById(template, 'AWS::CloudWatch::Alarm', 'FnErrorsAlarm');
    // Assess
    expect(alarm.props).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 300,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: resourceById(template, 'AWS::Lambda::Function', 'FnFunction').id } }],
      AlarmDescription: 'The function failed.',
    });
  });
});
