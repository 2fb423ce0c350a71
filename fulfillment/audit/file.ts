import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuditError, parseAuditEvent, type AuditEvent, type AuditLog } from './port';

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
