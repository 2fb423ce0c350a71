import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';

/** What every function of the symptom pipeline runs with, whatever its job. */
export interface PipelineFunctionProps {
  /** Customer-managed key of the function's log group and of every store it reads or writes. */
  readonly encryptionKey: kms.IKey;
  /** VPC the function runs in (private subnets). */
  readonly vpc: ec2.IVpc;
  /** Topic the errors alarm notifies. */
  readonly alarmTopic: sns.ITopic;
}
