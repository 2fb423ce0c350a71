import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditError,
  DynamoAuditLog,
  FileAuditLog,
  MemoryAuditLog,
  type AuditEvent,
} from '../../fulfillment/audit';
import { startLocalDynamo, type LocalDynamo } from '../support/localDynamo';

const TABLE = 'audit-test';

function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    contactId: 'b5c1e0d2-contact',
    sessionId: 'lex-session-1',
    patientId: 'eXbMln3hu0PfFrpv2HgVHyg3',
    action: 'read',
    resourceTypes: ['MedicationRequest', 'Medication'],
    outcome: 'success',
    at: '2026-11-25T12:00:00.000Z',
    ...overrides,
  };
}

describe('DynamoDB audit log', () => {
  let dynamo: LocalDynamo;

  beforeAll(async () => {
    dynamo = await startLocalDynamo();
    // The schema documented on DynamoAuditLog: pk (String) hash, sk (String) range; TTL on
    // expiresAt is set by the CDK stack (dynalite has no UpdateTimeToLive).
    await dynamo.createTable({
      TableName: TABLE,
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  afterAll(async () => {
    await dynamo?.close();
  });

  const query = (patientId: string) =>
    dynamo.documentClient.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': DynamoAuditLog.partitionKey(patientId) },
        ConsistentRead: true,
      }),
    );

  it('writes an event that is queried back by patient, with a six-year expiresAt', async () => {
    // Prepare
    const log = new DynamoAuditLog({ client: dynamo.documentClient, tableName: TABLE });
    const written = event({ patientId: 'patient-one' });
    // Act
    await log.record(written);
    const { Items } = await query('patient-one');
    // Assess
    expect(Items).toHaveLength(1);
    const item = Items?.[0] ?? {};
    expect(item).toMatchObject({ ...written, pk: 'patient#patient-one' });
    expect(String(item.sk)).toMatch(/^2026-11-25T12:00:00\.000Z#[A-Za-z0-9_-]{16}$/);
    expect(item.expiresAt).toBe(Date.UTC(2032, 10, 25, 12, 0, 0) / 1000);
  });

  it('returns one patient’s events in time order, and keeps events with the same timestamp apart', async () => {
    // Prepare
    const log = new DynamoAuditLog({ client: dynamo.documentClient, tableName: TABLE, retentionYears: null });
    const times = ['2026-11-25T12:00:05Z', '2026-11-25T12:00:00.500Z', '2026-11-25T12:00:00Z', '2026-11-25T12:00:05Z'];
    // Act
    await Promise.all(times.map((at, i) => log.record(event({ patientId: 'patient-two', at, sessionId: `s-${i}` }))));
    await log.record(event({ patientId: 'someone-else' }));
    const { Items = [] } = await query('patient-two');
    // Assess
    expect(Items.map((item) => item.at)).toEqual([
      '2026-11-25T12:00:00.000Z',
      '2026-11-25T12:00:00.500Z',
      '2026-11-25T12:00:05.000Z',
      '2026-11-25T12:00:05.000Z',
    ]);
    expect(Items.every((item) => item.expiresAt === undefined)).toBe(true);
  });

  it('stores an event without a contact id', async () => {
    const log = new DynamoAuditLog({ client: dynamo.documentClient, tableName: TABLE });
    const { contactId: _omitted, ...withoutContact } = event({ patientId: 'patient-three', action: 'authenticate', resourceTypes: ['Patient'], outcome: 'failure' });
    await log.record(withoutContact);
    const { Items = [] } = await query('patient-three');
    expect(Items[0]).not.toHaveProperty('contactId');
    expect(Items[0]).toMatchObject({ action: 'authenticate', outcome: 'failure' });
  });

  it('refuses an invalid event without echoing its content', async () => {
    const log = new DynamoAuditLog({ client: dynamo.documentClient, tableName: TABLE });
    const bad = { ...event({ patientId: 'patient-secret-id' }), at: 'yesterday', action: 'delete' } as unknown as AuditEvent;
    const error = (await log.record(bad).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(AuditError);
    expect(error.message).toMatch(/at/);
    expect(error.message).not.toContain('patient-secret-id');
    expect(error.message).not.toContain('yesterday');
  });

  it('stores an inbox event with the clinician who acted', async () => {
    // Prepare
    const log = new DynamoAuditLog({ client: dynamo.documentClient, tableName: TABLE });
    const viewed = event({ patientId: 'patient-four', action: 'view', actor: 'clinician-sub-1', sessionId: 'inbox-request-1', resourceTypes: ['SymptomNote', 'Patient'] });
    // Act
    await log.record(viewed);
    const { Items = [] } = await query('patient-four');
    // Assess
    expect(Items[0]).toMatchObject({ action: 'view', actor: 'clinician-sub-1', resourceTypes: ['SymptomNote', 'Patient'] });
  });

  it('reports a failed write as an AuditError that keeps its cause', async () => {
    const log = new DynamoAuditLog({ client: dynamo.documentClient, tableName: 'missing-table' });
    const error = (await log.record(event()).catch((e: unknown) => e)) as AuditError;
    expect(error).toBeInstanceOf(AuditError);
    expect(error.cause).toBeDefined();
  });
});

describe('file audit log', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-test-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates missing directories and a file only its owner can read', async () => {
    // Prepare
    const path = join(dir, 'nested', 'deeper', 'audit.jsonl');
    const log = new FileAuditLog({ path });
    // Act
    await log.record(event());
    // Assess
    const mode = (await stat(path)).mode & 0o777;
    expect(mode).toBe(0o600);
    expect(JSON.parse((await readFile(path, 'utf8')).trim())).toEqual(event());
  });

  it('writes one parseable JSON line per event, whole, for 200 concurrent records', async () => {
    // Prepare
    const path = join(dir, 'concurrent.jsonl');
    const log = new FileAuditLog({ path });
    const longTypes = Array.from({ length: 30 }, (_, i) => `Resource${i}${'x'.repeat(40)}`);
    // Act
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => log.record(event({ sessionId: `session-${i}`, resourceTypes: longTypes }))),
    );
    // Assess
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(200);
    const parsed = lines.map((line) => JSON.parse(line) as AuditEvent);
    expect(new Set(parsed.map((e) => e.sessionId)).size).toBe(200);
    expect(parsed.map((e) => e.sessionId)).toEqual(Array.from({ length: 200 }, (_, i) => `session-${i}`));
  });

  it('tightens the mode of a file that already existed', async () => {
    const path = join(dir, 'existing.jsonl');
    await writeFile(path, '');
    await chmod(path, 0o644);
    await new FileAuditLog({ path }).record(event());
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses an invalid event and keeps writing the next ones', async () => {
    const path = join(dir, 'after-error.jsonl');
    const log = new FileAuditLog({ path });
    const results = await Promise.allSettled([
      log.record(event({ sessionId: 'first' })),
      log.record({ ...event(), outcome: 'maybe' } as unknown as AuditEvent),
      log.record(event({ sessionId: 'third' })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const sessions = (await readFile(path, 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as AuditEvent).sessionId);
    expect(sessions).toEqual(['first', 'third']);
  });
});

describe('memory audit log', () => {
  it('keeps validated events with normalized timestamps', async () => {
    const log = new MemoryAuditLog();
    await log.record(event({ at: '2026-11-25T12:00:00Z' }));
    expect(log.events).toEqual([event({ at: '2026-11-25T12:00:00.000Z' })]);
  });

  it('accepts every inbox action with its actor, and refuses an empty actor', async () => {
    // Prepare
    const log = new MemoryAuditLog();
    const actions = ['view', 'play', 'review', 'callBack', 'file'] as const;
    // Act
    for (const action of actions) await log.record(event({ action, actor: 'clinician-sub-1' }));
    const empty = await log.record(event({ action: 'view', actor: '' })).catch((error: unknown) => error);
    // Assess
    expect(log.events.map((recorded) => [recorded.action, recorded.actor])).toEqual(actions.map((action) => [action, 'clinician-sub-1']));
    expect(empty).toBeInstanceOf(AuditError);
  });
});
