import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The group whose members may use the inbox (`INBOX_CARE_TEAM_GROUP`, read from the ID token's `cognito:groups`). */
export const CARE_TEAM_GROUP = 'care-team';

/** Paths of the inbox's own sign-in endpoints, where Cognito sends the browser back. */
export const INBOX_AUTH_PATHS = { callback: '/auth/callback', logout: '/auth/logout' } as const;

/** Lifetime of the ID and access tokens: the longest a signed-in page works without a refresh. */
export const TOKEN_VALIDITY = Duration.minutes(60);

/** Lifetime of the refresh token: about one shift; then the clinician signs in again (password and TOTP). */
export const REFRESH_TOKEN_VALIDITY = Duration.hours(12);

/** Props of {@link CareTeamUserPool}. */
export interface CareTeamUserPoolProps {
  /**
   * Public origin of the inbox, without a trailing slash (`INBOX_BASE_URL`): the app client's
   * callback and sign-out URLs are under it, and the invitation e-mail links to it.
   */
  readonly inboxBaseUrl: string;
  /** Prefix of the Cognito sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domainPrefix: string;
}

/**
 * The care team's sign-in: an Amazon Cognito user pool with Cognito's hosted sign-in pages, one
 * app client (the inbox) and the `care-team` group.
 *
 * - No self sign-up: an administrator creates each user (README, "Adding the care team").
 * - MFA required, TOTP (an authenticator app) only, no SMS or e-mail codes. It is set when the
 *   pool is created because Cognito cannot tighten a pool's MFA to required later.
 * - Passwords of 12 characters or more with lower and upper case, digits and symbols, not one of the
 *   last 5; account recovery by verified e-mail only.
 * - Feature plan Plus with threat protection in full-function mode: compromised passwords are
 *   refused, a high-risk sign-in is blocked (see {@link CareTeamUserPool.riskConfiguration}).
 * - Kept when the stack is deleted, and protected from deletion: the users and their MFA
 *   enrolments cannot be recreated by a deployment.
 *
 * The app client is public (a browser flow, no secret), authorization code grant only (the inbox
 * sends a PKCE challenge), scopes `openid email profile`, tokens valid 60 minutes and the refresh
 * token 12 hours; it can only redirect back to `${inboxBaseUrl}/auth/callback` and
 * `${inboxBaseUrl}/auth/logout`.
 *
 * @example
 * const pool = new CareTeamUserPool(this, 'CareTeam', { inboxBaseUrl: api.baseUrl, domainPrefix: 'my-clinic-inbox' });
 */
export class CareTeamUserPool extends Construct {
  /** The user pool. */
  public readonly userPool: cognito.UserPool;
  /** The inbox's app client. */
  public readonly client: cognito.UserPoolClient;
  /** The Cognito prefix domain of the hosted sign-in pages. */
  public readonly domain: cognito.UserPoolDomain;
  /** The `care-team` group. */
  public readonly group: cognito.CfnUserPoolGroup;
  /** What threat protection does at each risk level, for the whole pool. */
  public readonly riskConfiguration: cognito.CfnUserPoolRiskConfigurationAttachment;

  public constructor(scope: Construct, id: string, props: CareTeamUserPoolProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { username: false, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false, email: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      userInvitation: {
        emailSubject: 'Your care-team inbox account',
        emailBody:
          `You have an account for the clinic's care-team inbox: ${props.inboxBaseUrl}/ ` +
          'Sign in with the user name {username} and the temporary password {####}. You will choose your own ' +
          'password and set up an authenticator app (TOTP) at your first sign-in. The temporary password expires in 3 days.',
      },
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.group = new cognito.CfnUserPoolGroup(this, 'CareTeamGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: CARE_TEAM_GROUP,
      description: 'Clinicians who may read, hear and act on the phone messages in the care-team inbox',
    });

    // The classic hosted UI: it needs no branding resource, and its pages are Cognito's own.
    this.domain = this.userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });

    this.client = this.userPool.addClient('InboxClient', {
      userPoolClientName: 'care-team-inbox',
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${props.inboxBaseUrl}${INBOX_AUTH_PATHS.callback}`],
        logoutUrls: [`${props.inboxBaseUrl}${INBOX_AUTH_PATHS.logout}`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      idTokenValidity: TOKEN_VALIDITY,
      accessTokenValidity: TOKEN_VALIDITY,
      refreshTokenValidity: REFRESH_TOKEN_VALIDITY,
      // The hosted sign-in's own session, from the first page to the tokens: a first sign-in sets a
      // password and enrols an authenticator app (scan, then type a code) within it (Cognito: 3 to 15 minutes).
      authSessionValidity: Duration.minutes(10),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
    // Only the hosted pages sign users in (their flows do not depend on these), and the inbox
    // refreshes its tokens at the token endpoint: no SRP, password or custom flow through the API.
    // CDK leaves ExplicitAuthFlows unset when none is chosen, which Cognito reads as
    // SRP + custom + refresh, so the list is written out.
    const cfnClient = this.client.node.defaultChild as cognito.CfnUserPoolClient;
    cfnClient.explicitAuthFlows = ['ALLOW_REFRESH_TOKEN_AUTH'];

    this.riskConfiguration = new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'RiskConfiguration', {
      userPoolId: this.userPool.userPoolId,
      // ALL: the pool's default, for every app client.
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: { actions: { eventAction: 'BLOCK' } },
      // Every sign-in already needs TOTP; a medium risk changes nothing, a high risk is refused.
      // No notification e-mails: they need an SES identity the stack does not own.
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'NO_ACTION', notify: false },
          mediumAction: { eventAction: 'MFA_REQUIRED', notify: false },
          highAction: { eventAction: 'BLOCK', notify: false },
        },
      },
    });
  }

  /** Base URL of the hosted sign-in and OAuth endpoints (`INBOX_OAUTH_URL`), e.g. `https://x.auth.us-east-1.amazoncognito.com`. */
  public get oauthUrl(): string {
    return this.domain.baseUrl();
  }

  /**
   * The ID token's `iss` (`INBOX_TOKEN_ISSUER`): `https://cognito-idp.<region>.amazonaws.com/<pool id>`,
   * its JWKS at `/.well-known/jwks.json` under it. Written out: the pool's `ProviderURL` attribute is
   * the same address without `https://`.
   */
  public get tokenIssuer(): string {
    const { region, urlSuffix } = Stack.of(this);
    return `https://cognito-idp.${region}.${urlSuffix}/${this.userPool.userPoolId}`;
  }
}
