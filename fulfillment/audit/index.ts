/**
 * The audit trail of chart access: the port and event rules (`port.ts`), the DynamoDB adapter of the
 * deployment, the local file adapter and an in-memory one for tests.
 */
export { AUDIT_ACTIONS, AuditError, parseAuditEvent, type AuditAction, type AuditEvent, type AuditLog } from './port';
export { DEFAULT_AUDIT_RETENTION_YEARS, DynamoAuditLog, type DynamoAuditLogOptions } from './dynamo';
export { FileAuditLog } from './file';
export { MemoryAuditLog } from './memory';
