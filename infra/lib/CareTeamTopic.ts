import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Props of {@link CareTeamTopic}. */
export interface CareTeamTopicProps {
  /** Customer-managed key that encrypts the topic. */
  readonly encryptionKey: kms.IKey;
  /** E-mail address to subscribe (it must confirm the subscription). @default no subscription */
  readonly email?: string;
}

/**
 * The SNS topic that tells the care team a caller left a symptom note. Encrypted with the
 * customer-managed key, publishing only over TLS. The message says a note is waiting in Epic and
 * for which contact, never what the caller said (e-mail is not a place for PHI).
 *
 * @example
 * const { topic } = new CareTeamTopic(this, 'CareTeam', { encryptionKey, email: 'care-team@clinic.example' });
 */
export class CareTeamTopic extends Construct {
  /** The topic. */
  public readonly topic: sns.Topic;

  public constructor(scope: Construct, id: string, props: CareTeamTopicProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Clinic IVR symptom notes',
      masterKey: props.encryptionKey,
      // Adds a Deny for aws:SecureTransport = false to the topic policy.
      enforceSSL: true,
    });
    if (props.email !== undefined) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }
}
