import { Stack } from 'aws-cdk-lib';
import { CfnInstanceStorageConfig } from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { wildcardAcknowledgement, type WildcardAcknowledgement } from './symptomPipelinePolicies';

/** Props of {@link MediaStreams}. */
export interface MediaStreamsProps {
  /** ARN of the Amazon Connect instance. */
  readonly instanceArn: string;
  /** Alias of the instance: Connect puts it in the name of every stream it creates. */
  readonly instanceAlias: string;
  /** Prefix of the streams' names, as set in the instance's live media streaming settings. */
  readonly prefix: string;
  /**
   * Live media streaming is already enabled on the instance, with this KMS key: the construct
   * creates nothing and only names the streams and the key. @default the construct enables it
   */
  readonly existingKeyArn?: string;
  /** Key the streams are encrypted with when this construct enables live media streaming. */
  readonly encryptionKey: kms.IKey;
  /** Hours Kinesis Video Streams keeps the audio, when this construct enables streaming. @default 24 */
  readonly retentionHours?: number;
}

/**
 * The Kinesis video streams of the Connect instance's live media streaming, from which the
 * recording worker reads the callers' audio.
 *
 * Connect creates the streams itself (one per concurrent call, reused across calls), named
 * `<prefix>-connect-<instance alias>-contact-<id>`; a stream ARN ends in `/<creation time>`. Either
 * the instance already streams media (`existingKeyArn`: the stack creates nothing; a second
 * MEDIA_STREAMS storage config would conflict with the one the console made) or this construct
 * enables it with `AWS::Connect::InstanceStorageConfig` (resource type MEDIA_STREAMS, the prefix,
 * `retentionHours`, encrypted with `encryptionKey`).
 *
 * @example
 * const media = new MediaStreams(this, 'MediaStreams', { instanceArn, instanceAlias: 'my-clinic', prefix: 'clinic-ivr', encryptionKey });
 * for (const statement of media.readStatements()) worker.addToPolicy(statement);
 */
export class MediaStreams extends Construct {
  /** What every stream name of the instance begins with: `<prefix>-connect-<instance alias>-contact-`. */
  public readonly streamNamePrefix: string;
  /** ARN pattern of the instance's streams, exactly as Connect names them. */
  public readonly streamArnPattern: string;
  /** ARN of the KMS key the streams are encrypted with. */
  public readonly keyArn: string;
  /** The storage config, when this construct enabled live media streaming. */
  public readonly storageConfig: CfnInstanceStorageConfig | undefined;

  public constructor(scope: Construct, id: string, props: MediaStreamsProps) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    this.streamNamePrefix = `${props.prefix}-connect-${props.instanceAlias}-contact-`;
    this.streamArnPattern = `arn:${partition}:kinesisvideo:${region}:${account}:stream/${this.streamNamePrefix}*/*`;
    if (props.existingKeyArn !== undefined) {
      this.keyArn = props.existingKeyArn;
      this.storageConfig = undefined;
      return;
    }
    const retentionHours = props.retentionHours ?? 24;
    // 0 hours would mean "do not persist": the worker reads after the recording ends, so it needs
    // the fragments kept (CloudFormation, KinesisVideoStreamConfig.RetentionPeriodHours).
    if (!Number.isInteger(retentionHours) || retentionHours < 1) {
      throw new Error(`MediaStreams: retentionHours must be a whole number of hours, at least 1; got ${retentionHours}`);
    }
    this.keyArn = props.encryptionKey.keyArn;
    this.storageConfig = new CfnInstanceStorageConfig(this, 'StorageConfig', {
      instanceArn: props.instanceArn,
      resourceType: 'MEDIA_STREAMS',
      storageType: 'KINESIS_VIDEO_STREAM',
      kinesisVideoStreamConfig: {
        prefix: props.prefix,
        retentionPeriodHours: retentionHours,
        encryptionConfig: { encryptionType: 'KMS', keyId: props.encryptionKey.keyArn },
      },
    });
  }

  /** The cdk-nag acknowledgement of the stream wildcard in {@link readStatements}, for each reader's policy. */
  public readAcknowledgement(): WildcardAcknowledgement {
    return wildcardAcknowledgement(
      this.streamArnPattern,
      'The Kinesis video streams Amazon Connect creates for this instance\'s live media streaming: Connect names them ' +
        '<prefix>-connect-<instance alias>-contact-<generated id> and adds more as calls grow, and a stream ARN ends in ' +
        'its creation time, so the ids are unknown at deployment. Only GetDataEndpoint and GetMedia (read).',
    );
  }

  /**
   * What a reader of the callers' audio needs: the data endpoint and `GetMedia` of the instance's
   * streams, and `kms:Decrypt` of their key through Kinesis Video Streams (without it, GetMedia
   * returns fragments with no audio rather than an error).
   */
  public readStatements(): iam.PolicyStatement[] {
    const { region } = Stack.of(this);
    return [
      new iam.PolicyStatement({
        sid: 'ReadCallerAudio',
        actions: ['kinesisvideo:GetDataEndpoint', 'kinesisvideo:GetMedia'],
        resources: [this.streamArnPattern],
      }),
      new iam.PolicyStatement({
        sid: 'DecryptCallerAudio',
        actions: ['kms:Decrypt'],
        resources: [this.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `kinesisvideo.${region}.amazonaws.com` } },
      }),
    ];
  }
}
