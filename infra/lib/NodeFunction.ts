import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The newest Node.js Lambda runtime this aws-cdk-lib knows. cdk-nag's AwsSolutions-L1 demands the
 * newest of `Runtime.ALL`; `test/infra` computes that the same way, so an aws-cdk-lib upgrade that
 * adds a newer runtime fails the tests and this line is the one edit.
 */
export const NODE_RUNTIME = lambda.Runtime.NODEJS_24_X;


/** Repository root: where `package-lock.json` is, and the root esbuild resolves from. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * ESM output has no `require`, yet bundled CommonJS dependencies call it for Node built-ins
 * (esbuild: "Dynamic require of 'x' is not supported"). The banner gives the module a real one.
 */
export const REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * How every function is bundled (esbuild, through `NodejsFunction`); `bench/bundleBench.ts` builds
 * the fulfillment bundle from the same settings, so its figures are those of what Lambda loads.
 */
export const BUNDLING = {
  format: 'esm',
  /** esbuild target matching {@link NODE_RUNTIME}. */
  target: 'node24',
  // ESM builds of dependencies first: esbuild tree-shakes ES modules, not CommonJS.
  mainFields: ['module', 'main'],
  banner: REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  // Line mapping is what stack traces need; the sources themselves would only grow the bundle.
  sourcesContent: false,
  /**
   * The AWS SDK is bundled (only the clients the code imports, tree-shaken): the SDK versions the
   * tests ran with are the ones that run in Lambda, and one minified ES module starts faster than
   * the runtime's copy, which is CommonJS spread over hundreds of files (`npm run bench`). Left out
   * are only the credential providers the SDK's default chain imports on demand (`await import`)
   * after `fromEnv`: in Lambda the execution role's credentials are always in the environment
   * (AWS_ACCESS_KEY_ID …), so they are never loaded; were they needed, they would resolve to the
   * runtime's SDK. They weigh ~130 KB minified.
   */
  externalModules: [
    '@aws-sdk/credential-provider-http',
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-web-identity',
    '@smithy/credential-provider-imds',
  ],
} as const;

/** `NODE_OPTIONS` of every function: stack traces point into the TypeScript sources (the bundle ships its .map file). */
export const FUNCTION_NODE_OPTIONS = '--enable-source-maps';

/** Props of {@link NodeFunction}. */
export interface NodeFunctionProps {
  /** TypeScript entry file, relative to the repository root, e.g. `fulfillment/functions/lex-code-hook/handler.ts`. */
  readonly entry: string;
  /** Exported handler function of the entry. @default 'handler' */
  readonly handler?: string;
  /** What the function does; becomes the Lambda description. */
  readonly description: string;
  /** Customer-managed key that encrypts the function's log group. */
  readonly encryptionKey: kms.IKey;
  /** Environment variables of the function; `NODE_OPTIONS` is set here. @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Maximum run time of one invocation. @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** Memory in MB; CPU scales with it. @default 512 */
  readonly memorySize?: number;
  /** Concurrency reserved for (and capping) the function. @default none: the account's unreserved pool */
  readonly reservedConcurrentExecutions?: number;
  /** How long the function's logs are kept. @default RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
  /** VPC to run in; the function then reaches AWS and the internet only through it. @default not in a VPC */
  readonly vpc?: ec2.IVpc;
  /** Subnets of `vpc` to run in. @default the VPC's private subnets with egress */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Adds the AWS Parameters and Secrets Lambda Extension (a layer answering on localhost), through
   * which `fulfillment/runtime/configSource.ts` reads SSM parameters and secrets without SDK clients.
   * The owner still grants `ssm:GetParameter` / `secretsmanager:GetSecretValue` on the exact
   * resources: the extension calls them with the function's role.
   * @default true when `environment` names `CONFIG_PARAMETER_PATH` or `SESSION_KEY_SECRET_ARN`
   * (what configSource.ts reads through the extension), else false
   */
  readonly parametersAndSecretsExtension?: boolean;
}

/** Variables that make `configSource.ts` call the Parameters and Secrets extension. */
const EXTENSION_VARIABLES = ['CONFIG_PARAMETER_PATH', 'SESSION_KEY_SECRET_ARN'] as const;

/** Whether the function gets the Parameters and Secrets extension ({@link NodeFunctionProps.parametersAndSecretsExtension}). */
function usesExtension(props: NodeFunctionProps): boolean {
  return props.parametersAndSecretsExtension ?? EXTENSION_VARIABLES.some((name) => props.environment?.[name] !== undefined);
}

/**
 * The extension's settings. Values are read once per container (at its first invocation), so the
 * cache only serves a repeated load after a failed one. The timeouts bound the extension's own calls
 * to SSM and Secrets Manager (default: none), below the code's 2 s per request, so a slow call ends
 * as an answer the code can retry rather than as a hang.
 */
function parametersAndSecretsLayer(): lambda.ParamsAndSecretsLayerVersion {
  return lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103, {
    logLevel: lambda.ParamsAndSecretsLogLevel.WARN,
    parameterStoreTimeout: Duration.millis(1500),
    secretsManagerTimeout: Duration.millis(1500),
  });
}

/**
 * The project's opinionated Lambda function: TypeScript bundled locally by esbuild (no Docker) as
 * minified ESM with source maps, the newest Node runtime on arm64, X-Ray tracing, its own log group
 * encrypted with the customer-managed key, and permissions only through customer-managed policies.
 *
 * Permissions: the role gets two managed policies and no inline policy (HIPAA Security
 * `IAMNoInlinePolicy`). `runtimePolicy` holds what the Lambda service needs to run the function
 * (its log group, X-Ray, VPC network interfaces); `policy` is where the owning construct adds
 * what the code does ({@link NodeFunction.addToPolicy}). CDK's automatic grants are switched off
 * (the function sees the role through `withoutPolicyUpdates()`), so every permission is one of the
 * statements written here or by the owner, in plain view.
 *
 * @example
 * const jwks = new NodeFunction(this, 'Function', {
 *   entry: 'fulfillment/functions/jwks/handler.ts',
 *   description: 'Serves the Epic signing key as a JWKS',
 *   encryptionKey,
 * });
 * jwks.addToPolicy(new iam.PolicyStatement({ actions: ['kms:GetPublicKey'], resources: [signingKey.keyArn] }));
 */
export class NodeFunction extends Construct {
  /** The Lambda function. */
  public readonly function: NodejsFunction;
  /** The function's CloudFormation resource, e.g. to acknowledge a finding on it alone. */
  public readonly resource: lambda.CfnFunction;
  /** Execution role of the function. */
  public readonly role: iam.Role;
  /** What the function's code may do; add to it with {@link NodeFunction.addToPolicy}. */
  public readonly policy: iam.ManagedPolicy;
  /** What the Lambda service needs to run the function: logs, X-Ray and, in a VPC, network interfaces. */
  public readonly runtimePolicy: iam.ManagedPolicy;
  /** The function's log group (encrypted, with retention). */
  public readonly logGroup: logs.LogGroup;

  public constructor(scope: Construct, id: string, props: NodeFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      // Operational evidence (who called, what failed): keep it when the stack goes away.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.runtimePolicy = new iam.ManagedPolicy(this, 'RuntimePolicy', {
      description: `Lambda runtime permissions of ${this.node.path}: logs, tracing, network interfaces`,
      roles: [this.role],
      statements: runtimeStatements(this.logGroup, props.vpc !== undefined),
    });
    Validations.of(this.runtimePolicy).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only actions that support no resource-level permission: xray:PutTraceSegments and xray:PutTelemetryRecords ' +
        '(X-Ray API permissions reference: Resource "*"), and in a VPC ec2:CreateNetworkInterface, DescribeNetworkInterfaces, ' +
        'DescribeSubnets, DeleteNetworkInterface, AssignPrivateIpAddresses, UnassignPrivateIpAddresses, which Lambda ' +
        'needs to attach the function to its subnets (the statements of AWSLambdaVPCAccessExecutionRole). ' +
        'The code\'s own permissions are in the separate, fully scoped policy.',
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `What the code of ${this.node.path} may do`,
      roles: [this.role],
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(REPOSITORY_ROOT, props.entry),
      handler: props.handler ?? 'handler',
      description: props.description,
      runtime: NODE_RUNTIME,
      // Graviton: cheaper per GB-second and at least as fast for this I/O-bound code.
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      role: this.role.withoutPolicyUpdates(),
      paramsAndSecrets: usesExtension(props) ? parametersAndSecretsLayer() : undefined,
      vpc: props.vpc,
      vpcSubnets: props.vpc === undefined ? undefined : (props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }),
      environment: {
        ...props.environment,
        NODE_OPTIONS: FUNCTION_NODE_OPTIONS,
      },
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: join(REPOSITORY_ROOT, 'package-lock.json'),
      bundling: {
        // esbuild is a dev dependency: bundle on this machine, so `cdk synth` needs no Docker.
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        target: BUNDLING.target,
        mainFields: [...BUNDLING.mainFields],
        banner: BUNDLING.banner,
        minify: BUNDLING.minify,
        sourceMap: BUNDLING.sourceMap,
        sourcesContent: BUNDLING.sourcesContent,
        externalModules: [...BUNDLING.externalModules],
        // esbuild's size summary per function is noise in every synth and test run; warnings still show.
        logLevel: LogLevel.WARNING,
      },
    });
    const resource = this.function.node.defaultChild;
    if (!(resource instanceof lambda.CfnFunction)) throw new Error(`NodeFunction ${this.node.path}: no CfnFunction`);
    this.resource = resource;
    // Lambda checks the role's VPC permissions when it creates the function: attach the policies first.
    this.function.node.addDependency(this.runtimePolicy, this.policy);
  }

  /** Allows the function's code one more thing. */
  public addToPolicy(statement: iam.PolicyStatement): void {
    this.policy.addStatements(statement);
  }
}

/** Statements of the runtime policy. */
function runtimeStatements(logGroup: logs.ILogGroup, inVpc: boolean): iam.PolicyStatement[] {
  const statements = [
    new iam.PolicyStatement({
      sid: 'WriteOwnLogGroup',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // The log group ARN ends in ':*', which covers its log streams.
      resources: [logGroup.logGroupArn],
    }),
    new iam.PolicyStatement({
      sid: 'XRayTracing',
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      resources: ['*'],
    }),
  ];
  if (inVpc) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'VpcNetworkInterfaces',
        actions: [
          'ec2:CreateNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSubnets',
          'ec2:DeleteNetworkInterface',
          'ec2:AssignPrivateIpAddresses',
          'ec2:UnassignPrivateIpAddresses',
        ],
        resources: ['*'],
      }),
    );
  }
  return statements;
}
