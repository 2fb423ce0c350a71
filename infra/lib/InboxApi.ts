import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ALARM_PERIOD, notifyingAlarm } from './alarms';
import type { NodeFunction } from './NodeFunction';

/** Props of {@link InboxApi}. */
export interface InboxApiProps {
  /** Customer-managed key of the access log group. */
  readonly encryptionKey: kms.IKey;
  /** Topic the 5xx alarm notifies. */
  readonly alarmTopic: sns.ITopic;
  /**
   * Steady requests per second the whole API accepts before answering 429. A care team's browsers
   * load a page, its audio in ranges, and poll the list every 30 s. @default 20
   */
  readonly rateLimit?: number;
  /** Requests the API accepts in a burst above `rateLimit`. @default 40 */
  readonly burstLimit?: number;
  /** How long the access logs are kept. @default RetentionDays.ONE_YEAR */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Fields of each access log line (JSON, one object per request): who asked what, the answer and its
 * timings. Paths carry note ids only; no query string, header, cookie or body is logged.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  method: '$context.httpMethod',
  path: '$context.path',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatencyMs: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
} as const;

/**
 * The inbox's front door: an API Gateway HTTP API whose `$default` route sends every request to the
 * inbox function (Lambda proxy, payload 2.0), on its default `execute-api` HTTPS endpoint.
 *
 * There is no API Gateway authorizer: the inbox runs the OAuth code flow with PKCE itself and keeps
 * the session in a cookie, and an HTTP API JWT authorizer reads a bearer header, not a cookie. Every
 * route but sign-in checks the session's Cognito tokens in the app (`aws-jwt-verify`).
 *
 * Why an HTTP API (README, "Adding the care team"): an ALB with `authenticate-cognito` needs a
 * domain and a certificate; a Lambda function URL would close a dependency cycle (the function's
 * environment names the Cognito app client, whose callback URL would name the function URL). The
 * API is created first, so the user pool, the inbox function and the care-team notifications can
 * all name {@link InboxApi.baseUrl}; {@link InboxApi.routeTo} then attaches the function.
 *
 * Stage: `$default`, deployed automatically, throttled, access-logged as JSON to a log group
 * encrypted with the data key. Alarm: any 5xx answer in five minutes.
 */
export class InboxApi extends Construct {
  /** The HTTP API. */
  public readonly api: apigwv2.HttpApi;
  /** Its `$default` stage. */
  public readonly stage: apigwv2.HttpStage;
  /** The access log group. */
  public readonly accessLogGroup: logs.LogGroup;
  /** Public origin of the inbox, without a trailing slash (`INBOX_BASE_URL`). */
  public readonly baseUrl: string;
  /** Any 5xx answer (the function failed, timed out or was throttled) in five minutes. */
  public readonly serverErrorsAlarm: cloudwatch.Alarm;
  /** The `$default` route, once {@link InboxApi.routeTo} has been called. */
  private route: apigwv2.HttpRoute | undefined;

  public constructor(scope: Construct, id: string, props: InboxApiProps) {
    super(scope, id);
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      encryptionKey: props.encryptionKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      // Who reached the inbox and when is audit evidence: keep it when the stack goes away.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: `${Stack.of(this).stackName}-inbox`,
      description: 'Clinic IVR care-team inbox (the app signs users in with Cognito and checks every request itself)',
      // The stage below is the default one, with throttling and access logs CDK's own would not have.
      createDefaultStage: false,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 20, burstLimit: props.burstLimit ?? 40 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: apigateway.AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    // The $default stage is served at the root of the endpoint: no stage name in the path.
    this.baseUrl = this.api.apiEndpoint;
    this.serverErrorsAlarm = notifyingAlarm(this, 'ServerErrorsAlarm', {
      description:
        'The care-team inbox answered 5xx (the inbox function failed, timed out or was throttled): clinicians cannot read ' +
        'messages. See the inbox function\'s log group and the API access logs.',
      metric: this.api.metricServerError({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
      topic: props.alarmTopic,
    });
  }

  /**
   * Sends every request (the `$default` route) to `fn`, and lets this API, and only it, invoke `fn`.
   * Called once.
   */
  public routeTo(fn: NodeFunction): apigwv2.HttpRoute {
    if (this.route !== undefined) throw new Error(`InboxApi ${this.node.path}: routeTo was already called`);
    this.route = new apigwv2.HttpRoute(this, 'DefaultRoute', {
      httpApi: this.api,
      routeKey: apigwv2.HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('InboxIntegration', fn.function),
    });
    const resource = this.route.node.defaultChild;
    if (!(resource instanceof apigwv2.CfnRoute)) throw new Error(`InboxApi ${this.node.path}: no CfnRoute`);
    Validations.of(resource).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'The inbox authorizes every request itself: it runs the OAuth 2.0 code flow with PKCE against the Cognito user ' +
        'pool and keeps the session in an HttpOnly cookie, and verifies the Cognito tokens (signature, issuer, client, ' +
        'expiry, care-team group) with aws-jwt-verify on each request; only the sign-in routes answer without a session, ' +
        'with no patient data. An API Gateway authorizer cannot serve this: a JWT authorizer reads a bearer header, not a ' +
        'cookie, and a Lambda authorizer would verify the same token twice.',
    });
    return this.route;
  }
}
