import { Duration, Validations } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { NodeFunction } from './NodeFunction';

/** Props of {@link JwksEndpoint}. */
export interface JwksEndpointProps {
  /** The key the fulfillment function signs with; listed first (`SIGNING_KMS_KEY_ID`). */
  readonly signingKey: kms.IKey;
  /**
   * During a rotation, the other key to publish beside it (`NEXT_SIGNING_KMS_KEY_ID`): the new key
   * before the switch, the old one after it. @default none: only `signingKey` is published
   */
  readonly nextSigningKey?: kms.IKey;
  /** Customer-managed key that encrypts the function's logs. */
  readonly encryptionKey: kms.IKey;
  /** VPC the function runs in (it reaches KMS through the VPC endpoint). */
  readonly vpc: ec2.IVpc;
  /**
   * Concurrent executions reserved for, and capping, the function. The URL is public: the cap
   * bounds what a flood of requests can cost and keeps it from starving the fulfillment function.
   * Epic fetches the JWKS rarely (it caches it), so a small number suffices. @default 2
   */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * The JWKS of the Epic signing key(s) at a stable public HTTPS URL: a small function
 * (`fulfillment/functions/jwks/handler.ts`) behind a Lambda function URL. Epic is registered with this
 * URL, so keys rotate without a new registration (see {@link SigningKey} for the steps).
 *
 * The function may only read the public keys (`kms:GetPublicKey`) of the keys it publishes.
 * The URL stays the same for the life of the function; it changes only if the function is
 * replaced (e.g. its construct id changes), which would need a new Epic registration.
 */
export class JwksEndpoint extends Construct {
  /** The function serving the JWKS. */
  public readonly function: NodeFunction;
  /** HTTPS URL of the JWKS, ending in `/`. */
  public readonly url: string;

  public constructor(scope: Construct, id: string, props: JwksEndpointProps) {
    super(scope, id);
    const keys = props.nextSigningKey === undefined ? [props.signingKey] : [props.signingKey, props.nextSigningKey];
    this.function = new NodeFunction(this, 'Function', {
      entry: 'fulfillment/functions/jwks/handler.ts',
      description: 'Serves the public Epic signing key(s) as a JWKS',
      encryptionKey: props.encryptionKey,
      vpc: props.vpc,
      memorySize: 256,
      timeout: Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? 2,
      environment: {
        SIGNING_KMS_KEY_ID: props.signingKey.keyArn,
        ...(props.nextSigningKey === undefined ? {} : { NEXT_SIGNING_KMS_KEY_ID: props.nextSigningKey.keyArn }),
        POWERTOOLS_SERVICE_NAME: 'clinic-ivr-jwks',
        POWERTOOLS_LOG_LEVEL: 'INFO',
      },
    });
    this.function.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadPublicSigningKeys',
        actions: ['kms:GetPublicKey'],
        resources: keys.map((key) => key.keyArn),
      }),
    );

    // On the CfnFunction itself, so the acknowledgement covers no other resource.
    Validations.of(this.function.resource).acknowledge({
      id: 'HIPAA.Security-LambdaDLQ',
      reason:
        'Invoked only synchronously, through its function URL; a dead-letter queue receives only failed asynchronous ' +
        'invocations and would stay empty; a failure reaches the caller (Epic) as an HTTP error response.',
    });
    const functionUrl = this.function.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    this.url = functionUrl.url;
    this.acknowledgePublicUrl();
  }

  /**
   * A JWKS must be readable by Epic without credentials (SMART Backend Services: the server fetches
   * the client's JWKS URL anonymously), so the URL's two resource-policy statements allow anyone
   * (`Principal: "*"`, limited to calls through the function URL).
   */
  private acknowledgePublicUrl(): void {
    const reason =
      'Public JWKS endpoint: Epic fetches the JWKS URL of a Backend Services client anonymously, and the response ' +
      'holds only public keys. The function ignores its input, writes nothing, may only call kms:GetPublicKey, and ' +
      'its reserved concurrency caps what a flood of requests can cost.';
    for (const child of this.function.function.node.children) {
      if (child instanceof lambda.CfnPermission) {
        Validations.of(child).acknowledge({ id: 'HIPAA.Security-LambdaFunctionPublicAccessProhibited', reason });
      }
    }
  }
}
