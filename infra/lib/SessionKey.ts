import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { NodeFunction } from './NodeFunction';

/** Props of {@link SessionKey}. */
export interface SessionKeyProps {
  /** Customer-managed key that encrypts the secret. */
  readonly encryptionKey: kms.IKey;
}

/**
 * The session key: a generated Secrets Manager secret, encrypted with the customer-managed key, from
 * which the code derives the key of session tokens and lockout counters (HKDF-SHA256). Functions
 * read it by ARN (`SESSION_KEY_SECRET_ARN`) through the Parameters and Secrets extension.
 *
 * @example
 * const sessionKey = new SessionKey(this, 'SessionKey', { encryptionKey });
 * sessionKey.grantRead(captureFunction);
 */
export class SessionKey extends Construct {
  /** The secret. */
  public readonly secret: secretsmanager.Secret;

  public constructor(scope: Construct, id: string, props: SessionKeyProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'Clinic IVR: the session-token and lockout keys are derived from this string (HKDF-SHA256)',
      encryptionKey: props.encryptionKey,
      // 64 letters and digits: ~380 bits, more than the 256-bit key derived from it; no punctuation,
      // so it survives any shell or console it is pasted through.
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    Validations.of(this.secret).acknowledge(
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'Not a credential: random key material from which the code derives the key of session tokens that live for ' +
          'one call (minutes). Scheduled rotation would need a rotation function for no gain; to replace it, put a new ' +
          'random value (README, "Deploy"): calls in progress re-authenticate, nothing stored depends on it.',
      },
      {
        id: 'HIPAA.Security-SecretsManagerRotationEnabled',
        reason:
          'Random key material for one-call session tokens, not a credential; replaced on demand by putting a new ' +
          'random value (README, "Deploy"), after which only calls in progress must re-authenticate.',
      },
    );
  }

  /** ARN of the secret, the value of `SESSION_KEY_SECRET_ARN`. */
  public get secretArn(): string {
    return this.secret.secretArn;
  }

  /**
   * Lets `fn` read the secret's value (`ReadSessionKey`), on this secret only. Decrypting it with
   * the customer-managed key (`kms:Decrypt` through Secrets Manager) stays `fn`'s own statement,
   * shared with the other services it uses the key through.
   */
  public grantRead(fn: NodeFunction): void {
    fn.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadSessionKey',
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.secret.secretArn],
      }),
    );
  }
}
