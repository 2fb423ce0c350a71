import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SigningKey } from './SigningKey';

/**
 * The whole IVR in one stack; it only wires constructs together. For now it holds the Epic signing
 * key; bots, flows, the fulfillment Lambda and storage join it with the deployment issue.
 */
export class ClinicIvrStack extends Stack {
  public readonly signingKey: SigningKey;

  public constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.signingKey = new SigningKey(this, 'EpicSigningKey');
  }
}
