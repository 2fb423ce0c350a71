import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { INBOX_INDEX, INBOX_INDEX_KEYS, INBOX_INDEX_PROJECTION } from '../../fulfillment/notes/store/listing';

/** Props of {@link Storage}. */
export interface StorageProps {
  /** Customer-managed key that encrypts the tables and the backup vault. */
  readonly encryptionKey: kms.IKey;
}

/** Name of the Time to Live attribute of the tables (epoch seconds), as the code writes it. */
export const TTL_ATTRIBUTE = 'expiresAt';

/**
 * The DynamoDB tables of the IVR and their backups.
 *
 * - `lockoutTable`: failed-verification counters per calling number (`pk`), expired by TTL
 *   (`fulfillment/verification/lockout/`).
 * - `auditTable`: who read which patient's data and when (`pk` = patient, `sk` = time + random),
 *   expired by TTL after the retention period (`fulfillment/audit/audit.ts`).
 * - `notesTable`: symptom notes and capture jobs (`pk`), for the symptom pipeline; capture jobs
 *   expire by TTL. Its one global secondary index, `inbox` (partition `inboxBucket`, sort
 *   `inboxSort`), answers the care-team inbox's list (`fulfillment/notes/store/listing.ts`).
 *
 * Every table is on-demand, encrypted with the customer-managed key, has point-in-time recovery
 * and deletion protection, and is kept when the stack is deleted. An AWS Backup plan copies them
 * daily (kept 35 days) and monthly (kept a year) to a vault encrypted with the same key.
 */
export class Storage extends Construct {
  /** Failed-verification counters. */
  public readonly lockoutTable: dynamodb.Table;
  /** Audit trail of patient-data access. */
  public readonly auditTable: dynamodb.Table;
  /** Symptom notes. */
  public readonly notesTable: dynamodb.Table;
  /** The backup plan that selects the three tables. */
  public readonly backupPlan: backup.BackupPlan;

  public constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);
    const key = props.encryptionKey;
    const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

    this.lockoutTable = this.table('LockoutTable', key, { partitionKey: stringKey('pk'), timeToLiveAttribute: TTL_ATTRIBUTE });
    this.auditTable = this.table('AuditTable', key, {
      partitionKey: stringKey('pk'),
      sortKey: stringKey('sk'),
      timeToLiveAttribute: TTL_ATTRIBUTE,
    });
    // The symptom pipeline's capture jobs (and whatever else it marks) expire through the same TTL attribute.
    this.notesTable = this.table('NotesTable', key, { partitionKey: stringKey('pk'), timeToLiveAttribute: TTL_ATTRIBUTE });
    // One index only: CloudFormation adds at most one global secondary index to a deployed table per update.
    this.notesTable.addGlobalSecondaryIndex({
      indexName: INBOX_INDEX,
      partitionKey: stringKey(INBOX_INDEX_KEYS.partition),
      sortKey: stringKey(INBOX_INDEX_KEYS.sort),
      // The list row only: the note (with its transcript) is read from the table for one message.
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: [...INBOX_INDEX_PROJECTION],
    });

    const vault = new backup.BackupVault(this, 'BackupVault', {
      encryptionKey: key,
      // Backups are the last copy of the audit trail: keep the vault (and its recovery points).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.backupPlan = new backup.BackupPlan(this, 'BackupPlan', {
      backupVault: vault,
      // Written out rather than BackupPlanRule.monthly1Year(): that preset moves recovery points to
      // cold storage, which DynamoDB supports only with AWS Backup's advanced DynamoDB features.
      backupPlanRules: [
        new backup.BackupPlanRule({
          ruleName: 'Daily',
          scheduleExpression: events.Schedule.cron({ hour: '5', minute: '0' }),
          deleteAfter: Duration.days(35),
        }),
        new backup.BackupPlanRule({
          ruleName: 'Monthly',
          scheduleExpression: events.Schedule.cron({ day: '1', hour: '5', minute: '0' }),
          deleteAfter: Duration.days(365),
        }),
      ],
    });
    const selection = this.backupPlan.addSelection('Tables', {
      resources: [this.lockoutTable, this.auditTable, this.notesTable].map((table) => backup.BackupResource.fromDynamoDbTable(table)),
    });
    Validations.of(selection.node.findChild('Role')).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason:
        'AWS Backup\'s own service-role policy, which AWS keeps current as Backup changes how it backs up DynamoDB ' +
        '(e.g. advanced backups); a hand-written copy would fail silently when it falls behind. The role can only be ' +
        'assumed by backup.amazonaws.com and is used only by this selection of three tables.',
    });
  }

  /** One table with the settings every table here shares. */
  private table(id: string, encryptionKey: kms.IKey, keys: Pick<dynamodb.TableProps, 'partitionKey' | 'sortKey' | 'timeToLiveAttribute'>): dynamodb.Table {
    return new dynamodb.Table(this, id, {
      ...keys,
      // Traffic follows phone calls: spiky, mostly idle. On-demand needs no capacity planning.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
