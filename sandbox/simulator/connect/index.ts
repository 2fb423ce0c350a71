/**
 * A small Amazon Connect flow interpreter for the call simulator: it runs Flow language JSON (the
 * block types the clinic's flows use) against local stand-ins for Lex, Lambda, queues and media
 * streaming, so `npm start` walks the flow that is deployed.
 */

export { contactRecord, interpolate, newContact, parameterValue, referenceValue, type ContactChannel, type ContactRecord, type ContactState, type LexState, type NewContact } from './contact';
export { parseFlow, type AnyRunnableAction, type FlowAction, type ParsedFlow, type RunnableAction } from './document';
export * from './errors';
export {
  defaultHooks,
  ignoreRecording,
  localCaptureFunction,
  localMediaStreaming,
  LOCAL_STREAM_ARN,
  LOCAL_STREAM_NAME,
  type FlowHooks,
  type LocalLambda,
  type MediaStreamingHook,
  type RecordingHook,
  type SpokenMessage,
} from './hooks';
export { ACTION_HANDLERS, CLINIC_NUMBER, MAX_CALLER_LINES, MAX_FLOW_ACTIONS, runFlow, type FlowInterpreterOptions, type FlowOutcome } from './interpreter';
export { connectEvent, LOCAL_INSTANCE_ARN } from './lambdaAction';
export type { CallPrinter, Clinic, Deadline, FlowEnding, LexConversation, LineSource, LocalLexBot } from './run';
