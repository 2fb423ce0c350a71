/**
 * Contact actions: what Connect records and does with the contact. UpdateContactAttributes,
 * UpdateContactTargetQueue, TransferContactToQueue, TransferParticipantToThirdParty,
 * UpdateContactMediaStreamingBehavior, UpdateContactTextToSpeechVoice, UpdateContactData.
 * https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions.html
 */

import { parameterValue } from './contact';
import { evaluateAll } from './flowControlActions';
import { failed, NO_MATCHING_ERROR, queueState, type ActionHandler } from './run';

/** `UpdateContactAttributes`: sets contact attributes (they land in the contact record), all or none. */
const updateContactAttributes: ActionHandler<'UpdateContactAttributes'> = async (action, run) => {
  const { Attributes, TargetContact } = action.Parameters;
  if (TargetContact === 'Related') return failed(NO_MATCHING_ERROR, 'the simulated contact has no related contact');
  const result = evaluateAll(Attributes, run.state);
  if ('missing' in result) return failed(NO_MATCHING_ERROR, `${result.missing} is not set; no contact attribute set`);
  Object.assign(run.state.contactAttributes, result.set);
  run.print.trace(`flow: ${action.Identifier}: contact attribute(s) ${Object.keys(result.set).join(', ')} set`);
  return { kind: 'next' };
};

/** `UpdateContactTargetQueue`: the queue a later transfer (and the hours check) uses. */
const updateContactTargetQueue: ActionHandler<'UpdateContactTargetQueue'> = async (action, run) => {
  const { QueueId } = action.Parameters;
  const queue = parameterValue(QueueId, run.state);
  if (!queue) return failed(NO_MATCHING_ERROR, `${QueueId} names no queue`);
  run.state.queue = queue;
  return { kind: 'next' };
};

/** `TransferContactToQueue`: queues the contact into its target queue, which ends the flow. */
const transferContactToQueue: ActionHandler<'TransferContactToQueue'> = async (action, run) => {
  if (run.state.queue === undefined) return failed(NO_MATCHING_ERROR, 'no target queue set');
  if (queueState(run.clinic, run.state.queue).atCapacity) return failed('QueueAtCapacity', `queue ${run.state.queue} is at capacity`);
  run.print.trace(`flow: ${action.Identifier}: contact queued to ${run.state.queue}`);
  return { kind: 'end', ending: 'transferred' };
};

/**
 * `TransferParticipantToThirdParty`: the caller is transferred to an outside number (the after-hours
 * nurse line). The simulated third party answers (ending the simulated call there), or, with
 * `clinic.thirdPartyAnswers: false`, the call fails and takes the error branch.
 */
const transferParticipantToThirdParty: ActionHandler<'TransferParticipantToThirdParty'> = async (action, run) => {
  const number = parameterValue(action.Parameters.ThirdPartyPhoneNumber, run.state);
  if (!number || !/^\+[1-9]\d{1,14}$/.test(number)) return failed(NO_MATCHING_ERROR, 'no E.164 number to transfer to');
  if (run.clinic.thirdPartyAnswers === false) return failed(NO_MATCHING_ERROR, 'the outside number did not answer');
  // The number is the clinic's own nurse line, not the caller's: printing it is safe.
  run.print.trace(`flow: ${action.Identifier}: caller transferred to outside number ${number}`);
  return { kind: 'end', ending: 'transferredOut' };
};

/**
 * `UpdateContactMediaStreamingBehavior`: starts or stops streaming the caller's audio through the
 * media hook. Starting sets `MediaStreams.Customer.Audio` (stream, start fragment and time) for later
 * Lambda calls; stopping adds where it stopped, as Connect reports a stopped stream.
 */
const updateContactMediaStreamingBehavior: ActionHandler<'UpdateContactMediaStreamingBehavior'> = async (action, run) => {
  const { MediaStreamingState } = action.Parameters;
  const { state } = run;
  const wanted = MediaStreamingState === 'Enabled';
  if (wanted === state.streaming) return { kind: 'next' };
  try {
    if (wanted) {
      state.audio = await run.hooks.media.start(state.contactId);
    } else if (state.audio) {
      state.audio = { ...state.audio, ...(await run.hooks.media.stop(state.contactId)) };
    }
  } catch (error) {
    return failed(NO_MATCHING_ERROR, `media streaming did not ${wanted ? 'start' : 'stop'}: ${error instanceof Error ? error.message : String(error)}`);
  }
  state.streaming = wanted;
  run.print.trace(`flow: ${action.Identifier}: caller audio streaming ${wanted ? 'started' : 'stopped'}`);
  return { kind: 'next' };
};

/**
 * `UpdateContactTextToSpeechVoice` ("Set voice"): the voice every later prompt and bot is spoken in.
 * The simulator prints text, so it keeps the voice on the contact and traces it.
 */
const updateContactTextToSpeechVoice: ActionHandler<'UpdateContactTextToSpeechVoice'> = async (action, run) => {
  const { TextToSpeechVoice, TextToSpeechEngine } = action.Parameters;
  run.state.voice = TextToSpeechEngine === undefined ? TextToSpeechVoice : `${TextToSpeechVoice}/${TextToSpeechEngine}`;
  run.print.trace(`flow: ${action.Identifier}: voice ${run.state.voice}`);
  return { kind: 'next' };
};

/**
 * `UpdateContactData` with `LanguageCode`: the contact's language (`$.LanguageCode`). Later Lex
 * blocks run the bot locale of that language (`es-US` → `es_US`), a message is transcribed in it.
 */
const updateContactData: ActionHandler<'UpdateContactData'> = async (action, run) => {
  if (action.Parameters.TargetContact === 'Related') return failed(NO_MATCHING_ERROR, 'the simulated contact has no related contact');
  run.state.languageCode = action.Parameters.LanguageCode;
  run.print.trace(`flow: ${action.Identifier}: contact language ${run.state.languageCode}`);
  return { kind: 'next' };
};

/** Handlers of the contact actions, by action type. */
export const CONTACT_ACTIONS = {
  UpdateContactAttributes: updateContactAttributes,
  UpdateContactTargetQueue: updateContactTargetQueue,
  TransferContactToQueue: transferContactToQueue,
  TransferParticipantToThirdParty: transferParticipantToThirdParty,
  UpdateContactMediaStreamingBehavior: updateContactMediaStreamingBehavior,
  UpdateContactTextToSpeechVoice: updateContactTextToSpeechVoice,
  UpdateContactData: updateContactData,
} as const;
