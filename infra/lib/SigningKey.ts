import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Alias of the first signing key, without the `alias/` prefix. */
export const DEFAULT_SIGNING_KEY_ALIAS = 'clinic-ivr/epic-signing';

/** Props of {@link SigningKey}. */
export interface SigningKeyProps {
  /** Alias of the key, without the `alias/` prefix. @default DEFAULT_SIGNING_KEY_ALIAS ('clinic-ivr/epic-signing') */
  readonly aliasName?: string;
}

/**
 * The asymmetric KMS key (RSA-2048, SIGN_VERIFY) that signs Epic client assertions (RS384).
 * The private key never leaves KMS; the public key is published as a JWKS ({@link JwksEndpoint}).
 *
 * Rotation. KMS does not rotate asymmetric keys: a rotation is a second key, introduced without
 * downtime because Epic caches a JWKS for up to a day:
 * 1. create the new key and publish it beside the current one (`NEXT_SIGNING_KMS_KEY_ID` of the
 *    JWKS function) while the fulfillment function still signs with the current one;
 * 2. wait at least a day, so every Epic cache holds both keys;
 * 3. switch the fulfillment function's `SIGNING_KMS_KEY_ID` to the new key (the JWKS keeps the
 *    old key listed second, so assertions signed a minute earlier still verify);
 * 4. retire the old key: drop it from the JWKS, then schedule its deletion in KMS.
 * The stack drives these steps from the `signingKeyAlias` / `nextSigningKeyAlias` context values
 * (README, "Rotating the Epic signing key").
 *
 * The key is kept when the stack or the construct goes away: deleting it would break the Epic
 * registration, and KMS keys are deleted on purpose, with a waiting period, or not at all.
 */
export class SigningKey extends Construct {
  /** The key. */
  public readonly key: kms.Key;

  public constructor(scope: Construct, id: string, props: SigningKeyProps = {}) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Signs SMART Backend Services client assertions for Epic (RS384)',
      keySpec: kms.KeySpec.RSA_2048,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      alias: props.aliasName ?? DEFAULT_SIGNING_KEY_ALIAS,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
  }
}
