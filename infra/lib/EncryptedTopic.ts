import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Props of {@link EncryptedTopic}. */
export interface EncryptedTopicProps {
  /** Name people see on what the topic sends (e-mail sender name, SMS prefix). */
  readonly displayName: string;
  /**
   * Customer-managed key that encrypts the topic. For a topic that alarms notify, its key policy
   * must let cloudwatch.amazonaws.com use it ({@link EncryptionKey} does), or alarms cannot publish.
   */
  readonly encryptionKey: kms.IKey;
  /** E-mail address to subscribe (it must confirm the subscription). @default no subscription */
  readonly email?: string;
}

/**
 * An SNS topic encrypted with the customer-managed key whose policy refuses publishing without TLS:
 * the alarm topic (every alarm, on ALARM and back to OK) and the care-team topic (one message per
 * new symptom note, saying a note waits in Epic, never what the caller said: e-mail is no place
 * for PHI). Other subscriptions (an on-call address, a chat integration) are added after
 * deployment: they are people's addresses, not infrastructure.
 *
 * @example
 * const { topic } = new EncryptedTopic(this, 'CareTeam', {
 *   displayName: 'Clinic IVR symptom notes',
 *   encryptionKey,
 *   email: 'care-team@clinic.example',
 * });
 */
export class EncryptedTopic extends Construct {
  /** The topic. */
  public readonly topic: sns.Topic;

  public constructor(scope: Construct, id: string, props: EncryptedTopicProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: props.displayName,
      masterKey: props.encryptionKey,
      // Adds a Deny for aws:SecureTransport = false to the topic policy.
      enforceSSL: true,
    });
    if (props.email !== undefined) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }
}
