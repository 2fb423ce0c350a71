import type { Node } from 'constructs';
import { DeploymentContextError } from './deploymentContext';

/** How texts to callers are configured ("text me the details"): read from the CDK context. */
export interface TextingSettings {
  /**
   * The clinic's AWS End User Messaging SMS origination identity (`SMS_ORIGINATION_IDENTITY`): an
   * ARN, a phone-number or pool id, an E.164 number or a sender id. Undefined: texting is off.
   */
  readonly originationIdentity: string | undefined;
  /** Configuration set of the texts (`SMS_CONFIGURATION_SET`), a name or an ARN. */
  readonly configurationSet: string | undefined;
  /** Street address texted with an appointment when Epic gives none (`CLINIC_STREET_ADDRESS`). */
  readonly clinicStreetAddress: string | undefined;
  /** Who the texts are from (`CLINIC_NAME`). */
  readonly clinicName: string | undefined;
}

/** The texting context keys, each with what it is and an example value. */
export const TEXTING_CONTEXT_KEYS = {
  smsOriginationIdentity: {
    what:
      'optional: the AWS End User Messaging SMS origination identity texts are sent from (best its ARN, which scopes the permission to it); ' +
      'it must be registered (toll-free verification or 10DLC) before US carriers deliver. Unset: no text is offered',
    example: 'arn:aws:sms-voice:us-east-1:111122223333:phone-number/phone-0123456789abcdef0123456789abcdef',
  },
  smsConfigurationSet: { what: 'optional: the configuration set of the texts (name or ARN), e.g. for delivery events', example: 'clinic-ivr-texts' },
  clinicStreetAddress: { what: "optional: the clinic's street address, texted with an appointment when Epic gives none (one line, at most 120 characters)", example: '1200 Lakeshore Drive, Madison, WI' },
  clinicName: { what: 'optional: who texts are from (at most 60 characters; default "Your clinic")', example: 'Lakeside Family Clinic' },
} as const;

// The same shapes fulfillment/runtime/config.ts accepts for these variables.
const ORIGINATION_IDENTITY = /^(?:\+[1-9]\d{7,14}|[A-Za-z0-9_-]{1,64}|arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:[a-z-]+\/[A-Za-z0-9_-]{1,64})$/;
const CONFIGURATION_SET = /^(?:[A-Za-z0-9_-]{1,64}|arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:\d{12}:configuration-set\/[A-Za-z0-9_-]{1,64})$/;
const ONE_LINE = (max: number) => new RegExp(`^[^\\p{Cc}]{1,${max}}$`, 'u');

/**
 * Reads and validates the texting settings from the CDK context, like `readDeploymentContext`: one
 * {@link DeploymentContextError} names every bad key. Every key is optional.
 *
 * @example
 * const texting = readTextingContext(app.node);
 */
export function readTextingContext(node: Node): TextingSettings {
  const problems: string[] = [];
  type Key = keyof typeof TEXTING_CONTEXT_KEYS;
  const optional = (key: Key, valid: RegExp): string | undefined => {
    const value: unknown = node.tryGetContext(key);
    if (value === undefined || value === null || String(value).trim() === '') return undefined;
    const text = String(value).trim();
    if (valid.test(text)) return text;
    const { what, example } = TEXTING_CONTEXT_KEYS[key];
    problems.push(`"${key}" is not valid ("${text}"): ${what}. Example: -c ${key}=${example} (or set it under "context" in cdk.json).`);
    return undefined;
  };
  const settings: TextingSettings = {
    originationIdentity: optional('smsOriginationIdentity', ORIGINATION_IDENTITY),
    configurationSet: optional('smsConfigurationSet', CONFIGURATION_SET),
    clinicStreetAddress: optional('clinicStreetAddress', ONE_LINE(120)),
    clinicName: optional('clinicName', ONE_LINE(60)),
  };
  if (problems.length > 0) throw new DeploymentContextError(`Invalid CDK context:\n- ${problems.join('\n- ')}`);
  return settings;
}
