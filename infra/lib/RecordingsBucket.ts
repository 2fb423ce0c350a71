import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Key prefix of the callers' recordings (`recordings/<contactId>.wav`). */
export const RECORDINGS_PREFIX = 'recordings/';
/** Key prefix of the Transcribe Medical output files. */
export const TRANSCRIPTS_PREFIX = 'transcripts/';

/** Props of {@link RecordingsBucket}. */
export interface RecordingsBucketProps {
  /** Customer-managed key of the recordings and transcripts (SSE-KMS, bucket key on). */
  readonly encryptionKey: kms.IKey;
  /** Days after which recordings and transcripts (and their old versions) are deleted. @default 90 */
  readonly retentionDays?: number;
}

/** Why neither bucket is replicated: the same text on both acknowledgements. */
const NO_REPLICATION_REASON =
  'Single-region deployment by design: the recordings are transient inputs (deleted after the retention period) of ' +
  'notes that end up in Epic and the backed-up notes table, and the access logs follow them. Versioning protects ' +
  'against overwrites and deletions; a cross-region copy of PHI audio would add a second place to secure for no recovery need.';

/**
 * The bucket of the symptom pipeline's audio and transcripts (PHI): `recordings/<contactId>.wav`
 * written by the recording worker, `transcripts/` written by Transcribe Medical with the worker's
 * credentials. Encrypted with the customer-managed key, public access blocked, TLS only,
 * versioned, kept when the stack is deleted, objects expired after `retentionDays` (current and
 * previous versions alike), and its server access logs in a second bucket of this construct.
 *
 * @example
 * const { bucket } = new RecordingsBucket(this, 'Recordings', { encryptionKey, retentionDays: 90 });
 */
export class RecordingsBucket extends Construct {
  /** The recordings and transcripts. */
  public readonly bucket: s3.Bucket;
  /** Server access logs of {@link RecordingsBucket.bucket}. */
  public readonly accessLogsBucket: s3.Bucket;

  public constructor(scope: Construct, id: string, props: RecordingsBucketProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 90;
    if (!Number.isInteger(retentionDays) || retentionDays < 1) {
      throw new Error(`RecordingsBucket: retentionDays must be a whole number of days, at least 1; got ${retentionDays}`);
    }
    const expiry = Duration.days(retentionDays);

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      // S3 server access logging delivers only to buckets encrypted with SSE-S3 (S3 user guide,
      // "Enabling Amazon S3 server access logging": SSE-KMS is not supported on the target bucket).
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      // CDK grants S3's log delivery through the LogDeliveryWrite ACL, which needs ACLs enabled.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      // Kept a year: who read which recording is audit evidence that outlives the recordings.
      lifecycleRules: [{ id: 'ExpireAccessLogs', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogsBucket).acknowledge(
      {
        id: 'HIPAA.Security-S3DefaultEncryptionKMS',
        reason:
          'Target of S3 server access logs, which S3 delivers only to buckets encrypted with SSE-S3 (S3 user guide, ' +
          '"Enabling Amazon S3 server access logging"). The logs hold request metadata (object keys are contact ids), no audio or transcript.',
      },
      { id: 'HIPAA.Security-S3BucketReplicationEnabled', reason: NO_REPLICATION_REASON },
    );

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      // One data key per bucket instead of a KMS call per object: cheaper, same key.
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'recordings-bucket/',
      lifecycleRules: [RECORDINGS_PREFIX, TRANSCRIPTS_PREFIX].map((prefix) => ({
        id: `Expire-${prefix.replace(/\/$/, '')}`,
        prefix,
        expiration: expiry,
        // A deleted or overwritten object stays as a previous version; it goes one day later.
        noncurrentVersionExpiration: Duration.days(1),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      })),
      // PHI the care team may still need if the stack is deleted by mistake.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({ id: 'HIPAA.Security-S3BucketReplicationEnabled', reason: NO_REPLICATION_REASON });
  }
}
