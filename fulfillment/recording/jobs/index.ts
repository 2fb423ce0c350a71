/**
 * Capture jobs: the job model (one per contact) and the store that holds them, as a port with a
 * local (in-memory) and a DynamoDB adapter.
 */
export { stopWithinJob, toRecordingRequest, type CaptureClose, type CaptureCloser, type CaptureJob, type CaptureMessage, type CaptureStop, type TriageRecord, type UrgentPageRecord } from './job';
export { type CaptureJobStore, type CloseResult, type LateStopResult, type OpenResult, type StaleJobs, type StaleQuery } from './port';
export { MemoryCaptureJobStore } from './memory';
export { captureKey, DynamoCaptureJobStore, type DynamoCaptureJobStoreOptions } from './dynamo';
