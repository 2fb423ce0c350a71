import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionalPut } from '../aws/dynamo';
import { AuditError, parseAuditEvent, type AuditEvent, type AuditLog } from './port';

/**
 * HIPAA (45 CFR 164.316(b)(2)) requires documentation of security activities to be retained for six
 * years, the figure commonly applied to audit logs; state law or the clinic's policy may ask for more.
 */
export const DEFAULT_AUDIT_RETENTION_YEARS = 6;

/** Options of {@link DynamoAuditLog}. */
export interface DynamoAuditLogOptions {
  /** A DocumentClient (`DynamoDBDocumentClient.from(new DynamoDBClient({}))`). */
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /**
   * Years after `at` at which the item's `expiresAt` TTL lets DynamoDB delete it; default
   * {@link DEFAULT_AUDIT_RETENTION_YEARS}. `null` writes no `expiresAt` (keep forever).
   */
  readonly retentionYears?: number | null;
}

/**
 * DynamoDB adapter. Table schema it expects (for the CDK stack):
 * - partition key `pk` (String) = `patient#<patientId>`;
 * - sort key `sk` (String) = `<at as ISO 8601 UTC with milliseconds>#<16 random base64url chars>`,
 *   so `Query pk = :p` returns one patient's events in time order, and `sk BETWEEN` selects a period;
 * - Time to Live on attribute `expiresAt` (epoch seconds) for retention, if retention is wanted;
 * - point-in-time recovery and deletion protection are advisable: this is the compliance record.
 * Other attributes: `patientId, sessionId, contactId?, action, actor? (the clinician, inbox events),
 * resourceTypes (list), outcome, at`.
 * Writes are `PutItem` with `attribute_not_exists(pk)`, so an event never overwrites another.
 */
export class DynamoAuditLog implements AuditLog {
  readonly #client: DynamoDBDocumentClient;
  readonly #tableName: string;
  readonly #retentionYears: number | null;

  public constructor(options: DynamoAuditLogOptions) {
    if (!options.tableName) throw new TypeError('DynamoAuditLog needs a tableName');
    const years = options.retentionYears === undefined ? DEFAULT_AUDIT_RETENTION_YEARS : options.retentionYears;
    if (years !== null && (!Number.isInteger(years) || years < 1 || years > 100)) {
      throw new RangeError('retentionYears must be an integer from 1 to 100, or null');
    }
    this.#client = options.client;
    this.#tableName = options.tableName;
    this.#retentionYears = years;
  }

  /** Partition key of a patient's events. */
  public static partitionKey(patientId: string): string {
    return `patient#${patientId}`;
  }

  public async record(event: AuditEvent): Promise<void> {
    const valid = parseAuditEvent(event);
    const item: Record<string, unknown> = {
      pk: DynamoAuditLog.partitionKey(valid.patientId),
      sk: `${valid.at}#${randomBytes(12).toString('base64url')}`,
      ...valid,
    };
    if (this.#retentionYears !== null) {
      const expires = new Date(valid.at);
      expires.setUTCFullYear(expires.getUTCFullYear() + this.#retentionYears);
      item.expiresAt = Math.floor(expires.getTime() / 1000);
    }
    const write = await conditionalPut(
      this.#client,
      { TableName: this.#tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
      (error) => new AuditError('Audit event could not be written (write failed)', { cause: error }),
    );
    // An event never overwrites another: a key collision is an error, not a silent skip.
    if (!write.applied) throw new AuditError('Audit event could not be written (key collision)', { cause: write.conditionFailure });
  }
}
