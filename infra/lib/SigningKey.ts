import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Props of {@link SigningKey}. */
export interface SigningKeyProps {
  /** Alias of the key, without the `alias/` prefix. @default 'clinic-ivr/epic-signing' */
  readonly aliasName?: string;
}

/**
 * The asymmetric KMS key (RSA-2048, SIGN_VERIFY) that signs Epic client assertions (RS384).
 * The private key never leaves KMS; the public key is published as a JWKS.
 */
export class SigningKey extends Construct {
  public readonly key: kms.Key;

  public constructor(scope: Construct, id: string, props: SigningKeyProps = {}) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Signs SMART Backend Services client assertions for Epic (RS384)',
      keySpec: kms.KeySpec.RSA_2048,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      alias: props.aliasName ?? 'clinic-ivr/epic-signing',
      // Losing this key breaks the Epic registration: keep it when the stack goes away.
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    new CfnOutput(this, 'SigningKeyArn', { value: this.key.keyArn, description: 'KMS key that signs Epic client assertions' });
  }
}
