import { hkdfSync } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { CountryCode } from 'libphonenumber-js';
import { DynamoAuditLog, FileAuditLog } from '../../audit';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DialogDeps, EpicPort } from '../../dialog/turn';
import { SqsRefillRequests, UnavailableRefillRequests, type RefillRequests } from '../../refills';
import { createEpicGateway } from '../../epic';
import { systemClock } from '../../runtime/clock';
import type { Config } from '../../runtime/config';
import { SessionTokenService } from '../../session';
import { EndUserMessagingTextSender, type TextSender } from '../../sms';
import { DynamoLockoutStore, InMemoryLockoutStore } from '../../verification';

/**
 * Texts go out through AWS End User Messaging SMS from the configured origination identity; without
 * one texting is off (nothing is offered). Local mode passes its printing stand-in instead.
 */
function textSender(config: Config): TextSender | undefined {
  const originationIdentity = config.sms.originationIdentity;
  if (!originationIdentity) return undefined;
  return new EndUserMessagingTextSender({
    client: new PinpointSMSVoiceV2Client({}),
    originationIdentity,
    ...(config.sms.configurationSet ? { configurationSet: config.sms.configurationSet } : {}),
  });
}

/** Production dependencies from the environment (see README, Configuration). */
export async function depsFromConfig(config: Config, overrides: { epic?: EpicPort; refills?: RefillRequests; texts?: TextSender } = {}): Promise<DialogDeps> {
  const dynamo = config.storage.lockoutTable || config.storage.auditTable ? DynamoDBDocumentClient.from(new DynamoDBClient({})) : undefined;
  return {
    epic: overrides.epic ?? createEpicGateway(config),
    sessions: new SessionTokenService({ key: config.session.key, clock: systemClock }),
    lockout:
      config.storage.lockoutTable && dynamo
        ? new DynamoLockoutStore({ client: dynamo, tableName: config.storage.lockoutTable })
        : new InMemoryLockoutStore({ clock: systemClock }),
    // A separate key for lockout hashing, derived so one secret serves both purposes without reuse.
    lockoutSecret: new Uint8Array(hkdfSync('sha256', config.session.key, new Uint8Array(0), 'clinic-ivr lockout key', 32)),
    audit:
      config.storage.auditTable && dynamo
        ? new DynamoAuditLog({ client: dynamo, tableName: config.storage.auditTable })
        : new FileAuditLog({ path: config.storage.auditFile }),
    clock: systemClock,
    searchStrategy: config.epic.patientSearch,
    phoneRegion: config.phoneDefaultRegion as CountryCode,
    // Filed off the call path by the recording worker; without a queue the caller is offered a person.
    refills:
      overrides.refills ??
      (config.refills.queueUrl ? new SqsRefillRequests({ client: new SQSClient({}), queueUrl: config.refills.queueUrl }) : new UnavailableRefillRequests()),
    texts: overrides.texts ?? textSender(config),
    clinic: {
      timeZone: config.clinic.timeZone,
      ...(config.clinic.streetAddress ? { streetAddress: config.clinic.streetAddress } : {}),
      ...(config.clinic.name ? { name: config.clinic.name } : {}),
    },
  };
}
