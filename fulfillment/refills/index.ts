/**
 * Refill requests: what the code hook hands over when a caller confirmed a refill of a medication
 * from their active list (the request, its deterministic note id), the port it is handed to (SQS in
 * AWS, memory locally), and its filing off the call path through the symptom pipeline's own steps.
 */
export * from './errors';
export { DEFAULT_REFILL_NOTE_LOINC, fileRefill, refillNote, type RefillFilingDeps } from './filing';
export { MemoryRefillRequests, refillMessageBody, SqsRefillRequests, UnavailableRefillRequests, type RefillMessage, type RefillRequests, type SqsRefillRequestsOptions } from './queue';
export { REFILL_NOTE_PREFIX, refillKey, refillNoteId, refillRequestSchema, type RefillRequest } from './request';
