import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/** Largest request body read; anything bigger is refused rather than buffered. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** FHIR media type of every FHIR response. */
export const FHIR_JSON = 'application/fhir+json';

/** A request failure carrying its HTTP status and FHIR issue code. */
export class HttpError extends Error {
  /** Builds an error answered as `status` with an OperationOutcome of `code`. */
  public constructor(
    public readonly status: number,
    public readonly code: OperationOutcomeIssue['code'],
    message: string,
    public readonly headers: Record<string, string> = {},
    /** FHIRPath-like location of the offending element, as Epic names it (`context/encounter`). */
    public readonly expression?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Reads the whole body as text, refusing bodies over {@link MAX_BODY_BYTES}. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'too-costly', 'request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The media type of a request without parameters, lower-cased (`''` when absent). */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Sends a JSON body with the given content type; `undefined` sends no body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json',
): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'Content-Type': contentType }),
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Sends a FHIR resource as `application/fhir+json`. */
export function sendFhir(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, headers, FHIR_JSON);
}

/** An OperationOutcome with one error issue. */
export function operationOutcome(code: OperationOutcomeIssue['code'], diagnostics: string, expression?: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, diagnostics, ...(expression ? { expression: [expression] } : {}) }] };
}

/** Sends `error` as an OperationOutcome with its status and headers. */
export function sendOutcome(res: ServerResponse, error: HttpError): void {
  sendFhir(res, error.status, operationOutcome(error.code, error.message, error.expression), error.headers);
}
