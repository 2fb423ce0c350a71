/**
 * Participant actions: what the caller hears and says. MessageParticipant, ConnectParticipantWithLexBot,
 * GetParticipantInput, DisconnectParticipant.
 * https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions.html
 */

import type { ParametersOf } from '../../../contact-flows/parameters';
import { LOCALE_ID, localeIdOfLanguage } from '../../../contract';
import type { BotStep } from '../lexRuntime';
import { toCallerInput } from '../matcher';
import { ssmlToText } from '../render';
import { interpolate, parameterValue } from './contact';
import { FlowInterpreterError, InvalidActionParametersError } from './errors';
import { failed, NO_MATCHING_ERROR, type ActionHandler, type ActionOutcome, type FlowRun } from './run';

/** The prompt parameters several participant actions share: Text, SSML or PromptId, played in that order of preference. */
type Prompt = Pick<ParametersOf<'MessageParticipant'>, 'Text' | 'SSML' | 'PromptId'>;

/** Speaks an action's prompt (Text or SSML, `$.` references filled in), if it has one. */
function speak(run: FlowRun, prompt: Prompt): void {
  if (prompt.Text !== undefined) run.print.ivr(interpolate(prompt.Text, run.state));
  else if (prompt.SSML !== undefined) run.print.ivr(ssmlToText(interpolate(prompt.SSML, run.state)));
  else if (prompt.PromptId !== undefined) run.print.ivr(`(recorded prompt ${prompt.PromptId})`);
}

/** `MessageParticipant`: plays its message (its schema requires one). */
const messageParticipant: ActionHandler<'MessageParticipant'> = async (action, run) => {
  speak(run, action.Parameters);
  return { kind: 'next' };
};

/**
 * `ConnectParticipantWithLexBot`: plays the prompt, then hands the caller to the bot alias until the
 * bot closes. The bot's session attributes persist across runs of the block within the contact,
 * with `LexSessionAttributes` merged in each time; afterwards `$.Lex.*` is this bot's last state.
 * With Conditions it branches on the intent name, as the console's intent branches do.
 */
const connectParticipantWithLexBot: ActionHandler<'ConnectParticipantWithLexBot'> = async (action, run) => {
  const parameters = action.Parameters;
  const aliasArn = parameterValue(parameters.LexV2Bot.AliasArn, run.state) ?? '';
  const bot = run.bots.get(aliasArn);
  if (!bot) throw new InvalidActionParametersError(action.Identifier, `no local bot for alias ${aliasArn}`);
  // Connect runs the bot in the locale of the contact's language; a language no locale speaks stays in the default.
  const localeId = localeIdOfLanguage(run.state.languageCode) ?? LOCALE_ID;
  const sessionKey = `${aliasArn} ${localeId}`;
  let conversation = run.sessions.get(sessionKey);
  if (!conversation) {
    conversation = bot.open(run.state.contactId, localeId);
    run.sessions.set(sessionKey, conversation);
  }
  const passed: Record<string, string> = {};
  for (const [key, value] of Object.entries(parameters.LexSessionAttributes)) {
    const evaluated = parameterValue(value, run.state);
    if (evaluated === undefined) run.print.trace(`flow: ${action.Identifier}: ${value} is not set, ${key} not passed`);
    else passed[key] = evaluated;
  }
  conversation.attributes = { ...conversation.attributes, ...passed };
  run.print.trace(`flow: ${action.Identifier}: ${bot.name} (${localeId}) with session attributes ${Object.keys(passed).join(', ') || '(none)'}`);
  speak(run, parameters);

  let step: BotStep;
  do {
    const line = await run.listen();
    if (line.kind === 'end') return line;
    try {
      step = await conversation.say(toCallerInput(line.text));
    } catch (error) {
      if (error instanceof FlowInterpreterError) throw error;
      return failed(NO_MATCHING_ERROR, `${bot.name} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    hear(run, bot.name, step);
  } while (!step.closed);
  run.state.lex = { botName: bot.name, intentName: step.intent, sessionAttributes: { ...conversation.attributes } };
  return (action.Transitions.Conditions ?? []).length > 0 ? { kind: 'branch', value: step.intent, subject: '$.Lex.IntentName' } : { kind: 'next' };
};

function hear(run: FlowRun, botName: string, step: BotStep): void {
  for (const message of step.spoken) run.print.ivr(message.startsWith('<speak>') ? ssmlToText(message) : message);
  run.print.trace(`${botName}: ${step.decisions.join(' -> ')}`);
}

/** The keypad key that ends a stored input when the flow names none. */
const DEFAULT_TERMINATION = '#';

/**
 * `GetParticipantInput`. With StoreInput True (the capture branch), the caller's next line is what
 * they say while the input is open: it goes to the recording hook, any keyed digits become
 * `$.StoredCustomerInput`, and the flow moves on; a line ending in the termination key (`#`) or not
 * both end the input, since a script line is one whole turn. Without StoreInput it branches on the
 * keyed digits. An empty line is silence: InputTimeLimitExceeded.
 */
const getParticipantInput: ActionHandler<'GetParticipantInput'> = async (action, run): Promise<ActionOutcome> => {
  const parameters = action.Parameters;
  speak(run, parameters);
  if (parameters.StoreInput === 'False') {
    const ahead = await run.peek();
    if (ahead.kind === 'line' && !keyedFor(action.Transitions.Conditions ?? [], ahead.text)) {
      run.print.trace(`flow: ${action.Identifier}: the caller's next line is not a key press for it; the input times out, the line goes to the next block`);
      return failed('InputTimeLimitExceeded', 'the caller pressed no key');
    }
  }
  const line = await run.listen();
  if (line.kind === 'end') return line;
  const text = line.text.trim();
  if (text === '') return failed('InputTimeLimitExceeded', 'the caller said nothing');
  const termination = parameters.DTMFConfiguration?.InputTerminationSequence ?? DEFAULT_TERMINATION;
  const body = text.endsWith(termination) ? text.slice(0, -termination.length).trim() : text;
  const input = toCallerInput(body);
  if (parameters.StoreInput === 'False') return { kind: 'branch', value: input.inputMode === 'DTMF' ? input.transcript : undefined, subject: 'keypad input' };

  run.state.storedInput = input.inputMode === 'DTMF' ? input.transcript : '';
  if (input.inputMode === 'Speech' && input.transcript) {
    try {
      await run.hooks.recording.heard({ contactId: run.state.contactId, transcript: input.transcript, streaming: run.state.streaming });
    } catch (error) {
      return failed(NO_MATCHING_ERROR, `the recording hook failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    run.print.trace(`flow: ${action.Identifier}: message of ${input.transcript.split(/\s+/).length} word(s) heard${run.state.streaming ? ' while streaming' : ', not streaming'}`);
  }
  return { kind: 'next' };
};

/**
 * Whether a script line is meant for a keypad input (without StoreInput) whose conditions are
 * `conditions`: silence, or keys no longer than the longest key sequence offered (a wrong single key
 * is NoMatchingCondition, as in Connect). A script line answers the question asked; Connect's
 * GetParticipantInput on a voice call hears keys only, so a spoken line, or a longer keyed answer (a
 * birth date keyed while the greeting offers Spanish), is the caller letting the offer pass: the
 * simulator times the input out and leaves the line for the next block that listens (the auth bot,
 * which asks for the birth date next).
 */
function keyedFor(conditions: readonly { readonly Condition: { readonly Operands: readonly string[] } }[], text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '') return true;
  const input = toCallerInput(trimmed);
  const longest = Math.max(1, ...conditions.flatMap((condition) => condition.Condition.Operands.map((operand) => operand.length)));
  return input.inputMode === 'DTMF' && input.transcript.length <= longest;
}

/** `DisconnectParticipant`: ends the call. */
const disconnectParticipant: ActionHandler<'DisconnectParticipant'> = async () => ({ kind: 'end', ending: 'disconnected' });

/** Handlers of the participant actions, by action type. */
export const PARTICIPANT_ACTIONS = {
  MessageParticipant: messageParticipant,
  ConnectParticipantWithLexBot: connectParticipantWithLexBot,
  GetParticipantInput: getParticipantInput,
  DisconnectParticipant: disconnectParticipant,
} as const;
