export {
  AuditError,
  DEFAULT_AUDIT_RETENTION_YEARS,
  DynamoAuditLog,
  FileAuditLog,
  MemoryAuditLog,
  parseAuditEvent,
  type AuditEvent,
  type AuditLog,
  type DynamoAuditLogOptions,
} from './audit';
