import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { NodeFunction } from './NodeFunction';

/** Period of every alarm's metric. */
export const ALARM_PERIOD = Duration.minutes(5);

/** Props of {@link notifyingAlarm}. */
export interface NotifyingAlarmProps {
  /** What is measured; its period and statistic are the caller's (usually {@link ALARM_PERIOD}). */
  readonly metric: cloudwatch.IMetric;
  /** What it means for callers and what to do, as the on-call person reads it in the notification. */
  readonly description: string;
  /** Topic notified when the alarm fires and when it returns to OK. */
  readonly topic: sns.ITopic;
  /** Value the metric is compared with. @default 1 */
  readonly threshold?: number;
  /** Periods the metric must breach in a row. @default 1 */
  readonly evaluationPeriods?: number;
  /** How the metric is compared with the threshold. @default GREATER_THAN_OR_EQUAL_TO_THRESHOLD */
  readonly comparisonOperator?: cloudwatch.ComparisonOperator;
}

/**
 * An alarm that notifies `topic` on ALARM and on OK. By default one occurrence in one period fires
 * it: each alarm of the IVR means callers or their notes are being failed now. A period without
 * data is not a breach (a quiet night has no invocations).
 *
 * @example
 * notifyingAlarm(this, 'FailedEventsAlarm', {
 *   metric: queue.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
 *   description: 'An event could not be processed.',
 *   topic: alarmTopic,
 * });
 */
export function notifyingAlarm(scope: Construct, id: string, props: NotifyingAlarmProps): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmDescription: props.description,
    metric: props.metric,
    threshold: props.threshold ?? 1,
    evaluationPeriods: props.evaluationPeriods ?? 1,
    comparisonOperator: props.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  const notify = new actions.SnsAction(props.topic);
  alarm.addAlarmAction(notify);
  alarm.addOkAction(notify);
  return alarm;
}

/**
 * The alarm every function of the IVR has: any Lambda error in five minutes (a crash, a timeout,
 * running out of memory or an init failure), as `ErrorsAlarm` in `fn`'s owner `scope`.
 *
 * @example
 * functionErrorsAlarm(this, worker, 'The transcription worker failed (crash, timeout or out of memory); see its log group.', alarmTopic);
 */
export function functionErrorsAlarm(scope: Construct, fn: NodeFunction, description: string, topic: sns.ITopic): cloudwatch.Alarm {
  return notifyingAlarm(scope, 'ErrorsAlarm', {
    metric: fn.function.metricErrors({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
    description,
    topic,
  });
}
