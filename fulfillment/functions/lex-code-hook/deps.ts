import { hkdfSync } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CountryCode } from 'libphonenumber-js';
import { DynamoAuditLog, FileAuditLog } from '../../audit';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DialogDeps, EpicPort } from '../../dialog/turn';
import { SqsRefillRequests, UnavailableRefillRequests, type RefillRequests } from '../../refills';
import { createEpicGateway } from '../../epic';
import { systemClock } from '../../runtime/clock';
import type { Config } from '../../runtime/config';
import { SessionTokenService } from '../../session';
import { DynamoLockoutStore, InMemoryLockoutStore } from '../../verification';

/** Production dependencies from the environment (see README, Configuration). */
export async function depsFromConfig(config: Config, overrides: { epic?: EpicPort; refills?: RefillRequests } = {}): Promise<DialogDeps> {
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
    clinicTimeZone: config.clinicTimeZone,
    // Filed off the call path by the recording worker; without a queue the caller is offered a person.
    refills:
      overrides.refills ??
      (config.refills.queueUrl ? new SqsRefillRequests({ client: new SQSClient({}), queueUrl: config.refills.queueUrl }) : new UnavailableRefillRequests()),
  };
}
