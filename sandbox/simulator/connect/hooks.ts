/**
 * Where the flow interpreter meets what the simulator cannot do itself: a caller's audio stream, the
 * recording of a spoken message, and the Lambda functions a flow invokes. Each is a small interface
 * with a local default, so the symptom-note pipeline can be plugged in behind them later.
 */

import type { ConnectContactFlowEvent, StartedCustomerAudio, StoppedCustomerAudio } from 'aws-lambda';
import { CAPTURE_ACTIONS, CAPTURE_PARAMETERS, CAPTURE_RESULT_KEY, CAPTURE_RESULTS } from '../../../contract';

/**
 * Media streaming of the caller's audio (`UpdateContactMediaStreamingBehavior`). Connect reports the
 * answers to later Lambda calls as `Details.ContactData.MediaStreams.Customer.Audio`.
 */
export interface MediaStreamingHook {
  /** Streaming of the caller's audio starts; answers where the stream is and where it starts. */
  start(contactId: string): StartedCustomerAudio | Promise<StartedCustomerAudio>;
  /** Streaming stops; answers where it stopped. */
  stop(contactId: string): StoppedCustomerAudio | Promise<StoppedCustomerAudio>;
}

/** A message the caller spoke while a stored input was open (`GetParticipantInput` with StoreInput). */
export interface SpokenMessage {
  readonly contactId: string;
  /** What the caller said (the simulator's stand-in for the audio). */
  readonly transcript: string;
  /** Whether the caller's audio was being streamed while they spoke. */
  readonly streaming: boolean;
}

/** Receives what the caller says while a stored input is open, e.g. to feed the symptom-note pipeline. */
export interface RecordingHook {
  heard(message: SpokenMessage): void | Promise<void>;
}

/**
 * A Lambda function as the simulator runs it: a local function taking the Connect event. Its answer
 * is checked like Connect checks it (`ResponseValidation`) before it becomes `$.External`.
 */
export type LocalLambda = (event: ConnectContactFlowEvent) => Promise<unknown>;

/** The hooks of one interpreter run. */
export interface FlowHooks {
  readonly media: MediaStreamingHook;
  readonly recording: RecordingHook;
}

/** The local stream's name: it says it is not Kinesis Video Streams (and is the prefix the local capture function accepts). */
export const LOCAL_STREAM_NAME = 'simulated-customer-audio';

/** The local stream, in the local instance's region and account (`LOCAL_INSTANCE_ARN`). */
export const LOCAL_STREAM_ARN = `arn:aws:kinesisvideo:local:000000000000:stream/${LOCAL_STREAM_NAME}/0000000000000`;

/**
 * A stand-in for Connect's media streaming: one fake stream, fragment numbers counted up from a
 * fixed start, timestamps (epoch milliseconds, as Connect sends them) from `now`.
 *
 * @default now Date.now
 */
export function localMediaStreaming(now: () => number = Date.now): MediaStreamingHook {
  let fragment = 91343852333181432392682062600000000000000000000n;
  const next = () => {
    fragment += 1n;
    return fragment.toString();
  };
  return {
    start: () => ({ StreamARN: LOCAL_STREAM_ARN, StartFragmentNumber: next(), StartTimestamp: String(now()) }),
    stop: () => ({ StopFragmentNumber: next(), StopTimestamp: String(now()) }),
  };
}

/** Hears the message and keeps nothing: no symptom-note pipeline is plugged in. */
export const ignoreRecording: RecordingHook = { heard: () => undefined };

/** The hooks used when none are given: a fake stream and a recording that keeps nothing. */
export function defaultHooks(): FlowHooks {
  return { media: localMediaStreaming(), recording: ignoreRecording };
}

/**
 * A local capture function that answers as if the message were recorded, by the contract of
 * `CAPTURE_PARAMETERS` / `CAPTURE_RESULTS`: `start` is `started` when Connect reports the caller's
 * stream (else `noStream`), `stop` is `closed` after a start of the same contact (else `noCapture`).
 *
 * @example
 * const functions = { [captureArn]: localCaptureFunction() };
 */
export function localCaptureFunction(): LocalLambda {
  const started = new Set<string>();
  return async (event) => {
    const { ContactData, Parameters } = event.Details;
    const answer = (result: string) => ({ [CAPTURE_RESULT_KEY]: result });
    switch (Parameters[CAPTURE_PARAMETERS.action]) {
      case CAPTURE_ACTIONS.start:
        if (!ContactData.MediaStreams.Customer.Audio?.StreamARN) return answer(CAPTURE_RESULTS.noStream);
        started.add(ContactData.ContactId);
        return answer(CAPTURE_RESULTS.started);
      case CAPTURE_ACTIONS.stop:
        return answer(started.delete(ContactData.ContactId) ? CAPTURE_RESULTS.closed : CAPTURE_RESULTS.noCapture);
      default:
        return answer(CAPTURE_RESULTS.error);
    }
  };
}
