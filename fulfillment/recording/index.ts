/**
 * Capture of a caller's message during the call: the contact flow starts and stops it through the
 * recording-control function, which registers a job per contact (stream, fragments, verified patient) and hands
 * the closed job to the symptom pipeline's queue; a hang-up mid-message is closed from the contact's
 * DISCONNECTED event, and a scheduled sweep closes and sends what a lost event left behind.
 */
export {
  acceptsInstance,
  closeAndEnqueue,
  closeOnDisconnect,
  startCapture,
  stopCapture,
  type RecordingControlDeps,
  type DisconnectOutcome,
  type HandOff,
  type ControlOutcome,
} from './control';
export { connectStreamsOf, refuseStream, type ConnectStreams, type StreamRefusal } from './connectStreams';
export { LIVE_START_TIMEOUT_MS, startLiveTranscription, type LiveStartLabel, type LiveTranscriptionStarter } from './liveStart';
export * from './errors';
export { parseCaptureEvent, type CaptureEvent, type ContactEvent, type CustomerAudio, type FlowInvocation, type ParsedCaptureEvent, type SweepTick } from './controlEvents';
export { createCaptureHandler, type CaptureFlowResponse, type CaptureHandler } from './controlHandler';
export {
  captureKey,
  DynamoCaptureJobStore,
  MemoryCaptureJobStore,
  stopWithinJob,
  toRecordingRequest,
  type CaptureClose,
  type CaptureCloser,
  type CaptureJob,
  type CaptureJobStore,
  type CaptureMessage,
  type CaptureStop,
  type CloseResult,
  type DynamoCaptureJobStoreOptions,
  type LateStopResult,
  type OpenResult,
  type StaleJobs,
  type StaleQuery,
  type TriageRecord,
  type UrgentPageRecord,
} from './jobs';
export { sweepStaleJobs, type SweepOptions, type SweepReport } from './sweep';
export { MemoryCaptureQueue, SqsCaptureQueue, type CaptureQueue, type SqsCaptureQueueOptions } from './queue';
export * from './audio';
export type { MessageTriage, MessageTriageOutcome } from './triage';
