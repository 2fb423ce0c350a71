import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Props of {@link EncryptionKey}. */
export interface EncryptionKeyProps {
  /** Alias of the key, without the `alias/` prefix. @default 'clinic-ivr/data' */
  readonly aliasName?: string;
}

/**
 * The customer-managed symmetric KMS key that encrypts every data store of the IVR at rest: the
 * DynamoDB tables, the log groups, the alarm topic, the session-key secret and the backup vault.
 *
 * Its key policy keeps CDK's default statement (the account's IAM policies decide who may use it)
 * and adds the two services that use the key as themselves rather than on behalf of a caller:
 * CloudWatch Logs, for the encrypted log groups, and CloudWatch alarms, which publish to the
 * encrypted SNS topic. Key policies always name `Resource: "*"`: it means "this key".
 *
 * @example
 * const { key } = new EncryptionKey(this, 'DataKey');
 */
export class EncryptionKey extends Construct {
  /** The key. */
  public readonly key: kms.Key;

  public constructor(scope: Construct, id: string, props: EncryptionKeyProps = {}) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the clinic IVR data at rest: tables, logs, alarm topic, session-key secret, backups',
      alias: props.aliasName ?? 'clinic-ivr/data',
      // Yearly automatic rotation of the key material; old material stays available for decryption.
      enableKeyRotation: true,
      // Without this key the tables, backups and logs it encrypts cannot be read: it outlives the stack.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });

    // CloudWatch Logs encrypts and decrypts log events as the logs service principal, scoped here to
    // this account's log groups in this region (CloudWatch Logs guide, "Encrypt log data in CloudWatch
    // Logs using AWS KMS": the documented key policy statement, with ArnLike over the log groups).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptLogGroups',
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${partition}:logs:${region}:${account}:log-group:*` },
        },
      }),
    );

    // An alarm publishing to a KMS-encrypted SNS topic needs the key as cloudwatch.amazonaws.com;
    // without this statement alarm notifications are dropped silently (CloudWatch guide, "Using
    // Amazon CloudWatch alarms": encrypted SNS topics need kms:Decrypt and kms:GenerateDataKey*).
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
  }
}
