/**
 * What the validator checks of each action: its targets, its error paths, its Parameters (with the
 * shared schemas of `parameters.ts`) and the rules its type's page states about Parameters and
 * Transitions together.
 *
 * Facts behind the rules: https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 * and the per-action pages linked from it (see contact-flows/README.md).
 */

import { transitionTargets } from './graph';
import { ACTION_PARAMETERS, isModelledActionType, parseParameters } from './parameters';
import type { FlowAction } from './schema';

/** "This Identifier can be up to 50 characters long." */
const MAX_IDENTIFIER_LENGTH = 50;

/**
 * Error branches each action type must wire, from the Errors section of its page; Connect follows
 * an unwired error nowhere, so the caller would hear silence. An empty list means the page lists no
 * error. A type missing here is reported, so a new block is classified before it is used.
 */
export const REQUIRED_ERRORS: Readonly<Record<string, readonly string[]>> = {
  MessageParticipant: ['NoMatchingError'],
  // The page's syntax also lists InputTimeLimitExceeded, used with LexTimeoutSeconds (chat); the
  // console's voice exports carry NoMatchingCondition and NoMatchingError only.
  ConnectParticipantWithLexBot: ['NoMatchingCondition', 'NoMatchingError'],
  // NoMatchingCondition too when StoreInput is not "True" and conditions are given (checked below).
  GetParticipantInput: ['InputTimeLimitExceeded', 'NoMatchingError'],
  Compare: ['NoMatchingCondition'],
  CheckHoursOfOperation: ['NoMatchingError'],
  UpdateContactTargetQueue: ['NoMatchingError'],
  TransferContactToQueue: ['QueueAtCapacity', 'NoMatchingError'],
  // Only the catch-all is wired: the page's Errors section could not be confirmed beyond it (README, Live triage).
  TransferParticipantToThirdParty: ['NoMatchingError'],
  UpdateContactAttributes: ['NoMatchingError'],
  // The page lists no error, but every console export of the block carries the catch-all.
  UpdateFlowAttributes: ['NoMatchingError'],
  UpdateContactEventHooks: ['NoMatchingError'],
  UpdateContactMediaStreamingBehavior: ['NoMatchingError'],
  InvokeLambdaFunction: ['NoMatchingError'],
  InvokeFlowModule: ['NoMatchingError'],
  TransferToFlow: ['NoMatchingError'],
  UpdateContactTextToSpeechVoice: ['NoMatchingError'],
  // The page's Errors section could not be read here; public flows and the console wire the catch-all.
  UpdateContactData: ['NoMatchingError'],
  UpdateContactRecordingBehavior: [],
  UpdateFlowLoggingBehavior: [],
  Loop: [],
  DisconnectParticipant: [],
  EndFlowExecution: [],
};

/** Actions that end the flow; their Transitions must be empty ("Transitions must be defined as an empty object"). */
export const TERMINAL_TYPES: ReadonlySet<string> = new Set(['DisconnectParticipant', 'EndFlowExecution']);

/**
 * Problems of one action, one sentence each, each starting with the action's name.
 *
 * @example
 * actionProblems(action, new Set(flow.Actions.map((a) => a.Identifier))); // ['action x (Compare): compares against no condition']
 */
export function actionProblems(action: FlowAction, ids: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const name = `action ${action.Identifier} (${action.Type})`;
  if (action.Identifier.length > MAX_IDENTIFIER_LENGTH) problems.push(`${name}: identifier longer than ${MAX_IDENTIFIER_LENGTH} characters`);
  for (const { target, via } of transitionTargets(action)) {
    if (!ids.has(target)) problems.push(`${name}: ${via} points to ${target}, which is not an action of the flow`);
  }
  const required = REQUIRED_ERRORS[action.Type];
  if (required === undefined) return [...problems, `${name}: unknown action type; classify it in REQUIRED_ERRORS first`];
  const transitions = action.Transitions ?? {};
  if (TERMINAL_TYPES.has(action.Type)) {
    if (Object.keys(transitions).length > 0) problems.push(`${name}: a terminal action takes empty Transitions`);
    return problems;
  }
  if (transitions.NextAction === undefined) problems.push(`${name}: no NextAction, a dead end`);
  const wired = new Set((transitions.Errors ?? []).map((error) => error.ErrorType));
  for (const errorType of required) {
    if (!wired.has(errorType)) problems.push(`${name}: no error path for ${errorType}`);
  }
  const parsed = isModelledActionType(action.Type) ? parseParameters(action, action.Type) : undefined;
  const parameterProblems = parsed?.ok === false ? parsed.problems : [];
  return [...problems, ...parameterProblems.map((problem) => `${name}: ${problem}`), ...typeProblems(name, action)];
}

/** Rules a single action page states about its Transitions (with its Parameters, for stored input). */
function typeProblems(name: string, action: FlowAction): string[] {
  const conditions = action.Transitions?.Conditions ?? [];
  if (action.Type === 'CheckHoursOfOperation') {
    // "There must be a Condition provided for Equals True and a Condition for Equals False, and no other conditions."
    const operands = conditions.map((condition) => `${condition.Condition.Operator} ${condition.Condition.Operands.join(',')}`).sort();
    if (operands.join('|') !== 'Equals False|Equals True') return [`${name}: needs exactly the conditions Equals True and Equals False`];
  }
  if (action.Type === 'Compare' && conditions.length === 0) return [`${name}: compares against no condition`];
  if (action.Type === 'GetParticipantInput') return storedInputProblems(name, action);
  return [];
}

/** The two parameters the stored-input rules read, parsed alone so the rules hold even when another parameter is wrong. */
const storedInputSchema = ACTION_PARAMETERS.GetParticipantInput.pick({ StoreInput: true, InputValidation: true });

/**
 * GetParticipantInput: "If the StoreInput option is True, there is no run result and conditions are
 * not supported", InputValidation is "required if and only if StoreInput is True", and
 * NoMatchingCondition "Must be defined only if StoreInput is False".
 */
function storedInputProblems(name: string, action: FlowAction): string[] {
  const parsed = storedInputSchema.safeParse(action.Parameters ?? {});
  // A StoreInput or InputValidation that does not parse is reported with the parameters already.
  if (!parsed.success) return [];
  const { StoreInput: storeInput, InputValidation: validation } = parsed.data;
  const conditions = action.Transitions?.Conditions ?? [];
  const errors = new Set((action.Transitions?.Errors ?? []).map((error) => error.ErrorType));
  const problems: string[] = [];
  if (storeInput === 'True') {
    if (validation === undefined) problems.push(`${name}: StoreInput True needs InputValidation`);
    if (conditions.length > 0 || errors.has('NoMatchingCondition')) problems.push(`${name}: StoreInput True takes no conditions and no NoMatchingCondition`);
  } else {
    if (validation !== undefined) problems.push(`${name}: InputValidation is only for StoreInput True`);
    if (conditions.length > 0 && !errors.has('NoMatchingCondition')) problems.push(`${name}: no error path for NoMatchingCondition`);
  }
  return problems;
}
