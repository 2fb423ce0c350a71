import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Props of {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /**
   * Customer-managed key that encrypts the topic. Its key policy must let
   * cloudwatch.amazonaws.com use it ({@link EncryptionKey} does), or alarms cannot publish.
   */
  readonly encryptionKey: kms.IKey;
}

/**
 * The SNS topic every alarm of the IVR notifies (on ALARM and back to OK). Encrypted with the
 * customer-managed key; its policy refuses publishing without TLS. Subscriptions (an on-call e-mail,
 * a chat integration) are added after deployment: they are people's addresses, not infrastructure.
 */
export class AlarmTopic extends Construct {
  /** The topic. */
  public readonly topic: sns.Topic;

  public constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Clinic IVR alarms',
      masterKey: props.encryptionKey,
      // Adds a Deny for aws:SecureTransport = false to the topic policy.
      enforceSSL: true,
    });
  }
}
