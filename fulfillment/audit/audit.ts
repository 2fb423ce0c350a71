import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { NamedError } from '../runtime/errors';

/**
 * Audit trail of access to patient data: one event per authentication attempt tied to a patient and
 * per read of their records. Audit events hold patient ids and are written only to the audit store,
 * never to the logger (the logs are not a PHI store).
 */

/** One access to patient data. */
export interface AuditEvent {
  /** Amazon Connect contact id, when known. */
  contactId?: string;
  /** Lex session id of the conversation. */
  sessionId: string;
  /** Epic FHIR Patient id the access concerns. */
  patientId: string;
  action: 'authenticate' | 'read';
  /** FHIR resource types touched, e.g. `['Patient']`, `['MedicationRequest', 'Medication']`. */
  resourceTypes: string[];
  outcome: 'success' | 'failure';
  /** When it happened, ISO 8601 in UTC (`2026-11-25T12:00:00.000Z`). */
  at: string;
}

/** Port: where audit events go. `record` resolves once the event is durably written. */
export interface AuditLog {
  record(event: AuditEvent): Promise<void>;
}

/** An audit event could not be written, or was not a valid event. Messages carry no event content. */
export class AuditError extends NamedError {}

const auditEventSchema = z.strictObject({
  contactId: z.string().min(1).max(256).optional(),
  sessionId: z.string().min(1).max(256),
  patientId: z.string().min(1).max(256),
  action: z.enum(['authenticate', 'read']),
  resourceTypes: z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/)).max(32),
  outcome: z.enum(['success', 'failure']),
  at: z.iso.datetime(),
});

/**
 * Validates an event and normalizes `at` to `Date.toISOString()` form (UTC, milliseconds), so that
 * timestamps sort correctly as strings. The error lists offending field names, never their values.
 */
export function parseAuditEvent(event: AuditEvent): AuditEvent {
  const parsed = auditEventSchema.safeParse(event);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(event)'))];
    throw new AuditError(`Invalid audit event: ${fields.join(', ')}`);
  }
  const { contactId, ...rest } = parsed.data;
  return { ...(contactId !== undefined ? { contactId } : {}), ...rest, at: new Date(rest.at).toISOString() };
}

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
 * Other attributes: `patientId, sessionId, contactId?, action, resourceTypes (list), outcome, at`.
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
    try {
      await this.#client.send(
        new PutCommand({ TableName: this.#tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
    } catch (error) {
      const reason = error instanceof ConditionalCheckFailedException ? 'key collision' : 'write failed';
      throw new AuditError(`Audit event could not be written (${reason})`, { cause: error });
    }
  }
}

/**
 * Local-mode adapter: appends one JSON object per line to a file (created with mode 0600, parent
 * directories 0700). Writes are serialized in this process, each line written by one `write` call,
 * so concurrent records never interleave. Not for several processes sharing one file.
 */
export class FileAuditLog implements AuditLog {
  public readonly path: string;
  #tail: Promise<void> = Promise.resolve();
  #prepared = false;

  public constructor(options: { path: string }) {
    if (!options.path) throw new TypeError('FileAuditLog needs a path');
    this.path = options.path;
  }

  public record(event: AuditEvent): Promise<void> {
    let line: string;
    try {
      line = `${JSON.stringify(parseAuditEvent(event))}\n`;
    } catch (error) {
      return Promise.reject(error);
    }
    const write = this.#tail.then(() => this.#append(line));
    // The next write waits for this one whatever its outcome; the caller sees this one's error.
    this.#tail = write.catch(() => undefined);
    return write;
  }

  async #append(line: string): Promise<void> {
    try {
      if (!this.#prepared) {
        await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      }
      const handle = await open(this.path, 'a', 0o600);
      try {
        await handle.writeFile(line, 'utf8');
        if (!this.#prepared) {
          // `open`'s mode applies only when it creates the file: tighten a pre-existing one too.
          await chmod(this.path, 0o600);
          this.#prepared = true;
        }
      } finally {
        await handle.close();
      }
    } catch (error) {
      throw new AuditError('Audit event could not be written to the local file', { cause: error });
    }
  }
}

/** In-memory adapter for tests and demos: keeps validated events in `events`. */
export class MemoryAuditLog implements AuditLog {
  public readonly events: AuditEvent[] = [];

  public async record(event: AuditEvent): Promise<void> {
    this.events.push(parseAuditEvent(event));
  }
}
