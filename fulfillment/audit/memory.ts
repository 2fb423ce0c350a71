import { parseAuditEvent, type AuditEvent, type AuditLog } from './port';

/** In-memory adapter for tests and demos: keeps validated events in `events`. */
export class MemoryAuditLog implements AuditLog {
  public readonly events: AuditEvent[] = [];

  public async record(event: AuditEvent): Promise<void> {
    this.events.push(parseAuditEvent(event));
  }
}
