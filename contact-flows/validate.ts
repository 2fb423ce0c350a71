/**
 * Structural checks of a contact flow written in the Amazon Connect Flow language, run on the
 * rendered JSON before it reaches Connect: Connect rejects some of these mistakes only at deploy
 * time, and accepts others (a dead end, an unreachable block) that strand a caller in silence.
 *
 * Facts behind the rules: https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 * and the per-action pages linked from it (see contact-flows/README.md).
 */

/** The only version of the Flow language ("Currently the only supported version is 2019-10-30"). */
export const FLOW_LANGUAGE_VERSION = '2019-10-30';

/** "A single Flow may have no more than 250 Actions defined." */
const MAX_ACTIONS = 250;

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
  UpdateContactAttributes: ['NoMatchingError'],
  // The page lists no error, but every console export of the block carries the catch-all.
  UpdateFlowAttributes: ['NoMatchingError'],
  UpdateContactEventHooks: ['NoMatchingError'],
  UpdateContactMediaStreamingBehavior: ['NoMatchingError'],
  InvokeLambdaFunction: ['NoMatchingError'],
  InvokeFlowModule: ['NoMatchingError'],
  TransferToFlow: ['NoMatchingError'],
  UpdateContactTextToSpeechVoice: ['NoMatchingError'],
  UpdateContactRecordingBehavior: [],
  UpdateFlowLoggingBehavior: [],
  Loop: [],
  DisconnectParticipant: [],
  EndFlowExecution: [],
};

/** Actions that end the flow; their Transitions must be empty ("Transitions must be defined as an empty object"). */
export const TERMINAL_TYPES: ReadonlySet<string> = new Set(['DisconnectParticipant', 'EndFlowExecution']);

/** `InvokeLambdaFunction.InvocationTimeLimitSeconds`: "greater than 0, no larger than 8, and an integer". */
const LAMBDA_TIME_LIMIT = { min: 1, max: 8 } as const;

/** `GetParticipantInput.InputTimeLimitSeconds`: an integer larger than zero; the console allows up to 180. */
const INPUT_TIME_LIMIT = { min: 1, max: 180 } as const;

/** `DTMFConfiguration.InputTerminationSequence`: "Up to five digits". */
const TERMINATION_SEQUENCE = /^[0-9#*]{1,5}$/;

/** A name-shaped `${Name}` left by a template; a CDK token (`${Token[TOKEN.42]}`) does not match. */
const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/g;

/** One action, as much of it as the checks read. */
export interface FlowAction {
  readonly Identifier: string;
  readonly Type: string;
  readonly Parameters?: Readonly<Record<string, unknown>>;
  readonly Transitions?: FlowTransitions;
}

/** How an action moves on. */
export interface FlowTransitions {
  readonly NextAction?: string;
  readonly Conditions?: readonly { readonly NextAction: string; readonly Condition: { readonly Operator: string; readonly Operands: readonly string[] } }[];
  readonly Errors?: readonly { readonly NextAction: string; readonly ErrorType: string }[];
}

/** A whole flow document. */
export interface FlowDocument {
  readonly Version: string;
  readonly StartAction: string;
  readonly Metadata?: { readonly ActionMetadata?: Readonly<Record<string, unknown>> };
  readonly Actions: readonly FlowAction[];
}

/** Every target an action can move to, with where it was written (for messages). */
export function transitionTargets(action: FlowAction): { readonly target: string; readonly via: string }[] {
  const transitions = action.Transitions ?? {};
  return [
    ...(transitions.NextAction === undefined ? [] : [{ target: transitions.NextAction, via: 'NextAction' }]),
    ...(transitions.Conditions ?? []).map((condition) => ({
      target: condition.NextAction,
      via: `condition ${condition.Condition.Operator} ${condition.Condition.Operands.join(',')}`,
    })),
    ...(transitions.Errors ?? []).map((error) => ({ target: error.NextAction, via: `error ${error.ErrorType}` })),
  ];
}

/**
 * Problems with a rendered flow, one sentence each; an empty list means the flow passes.
 *
 * @example
 * const problems = validateContactFlow(renderContactFlow('patient-ivr', values));
 * if (problems.length > 0) throw new Error(problems.join('\n'));
 */
export function validateContactFlow(json: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return [`invalid JSON: ${(error as Error).message}`];
  }
  if (!isFlowDocument(parsed)) return ['not a flow document: Version, StartAction and an Actions list of {Identifier, Type} are required'];
  const problems: string[] = [];
  const { Actions: actions } = parsed;
  if (parsed.Version !== FLOW_LANGUAGE_VERSION) problems.push(`Version is ${parsed.Version}, expected ${FLOW_LANGUAGE_VERSION}`);
  if (actions.length > MAX_ACTIONS) problems.push(`${actions.length} actions, more than the ${MAX_ACTIONS} a flow may hold`);
  const ids = new Set<string>();
  for (const action of actions) {
    if (ids.has(action.Identifier)) problems.push(`identifier ${action.Identifier} is used by more than one action`);
    ids.add(action.Identifier);
  }
  if (!ids.has(parsed.StartAction)) problems.push(`StartAction ${parsed.StartAction} is not an action of the flow`);
  for (const action of actions) problems.push(...actionProblems(action, ids));
  if (ids.has(parsed.StartAction)) problems.push(...unreachable(parsed, ids).map((id) => `action ${id} is unreachable from StartAction`));
  problems.push(...metadataProblems(parsed, ids));
  const left = [...new Set(json.match(PLACEHOLDER) ?? [])];
  if (left.length > 0) problems.push(`placeholder(s) left unrendered: ${left.join(', ')}`);
  return problems;
}

function actionProblems(action: FlowAction, ids: ReadonlySet<string>): string[] {
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
  return [...problems, ...typeProblems(name, action)];
}

/** Rules a single action page states for its own type. */
function typeProblems(name: string, action: FlowAction): string[] {
  const conditions = action.Transitions?.Conditions ?? [];
  if (action.Type === 'CheckHoursOfOperation') {
    // "There must be a Condition provided for Equals True and a Condition for Equals False, and no other conditions."
    const operands = conditions.map((condition) => `${condition.Condition.Operator} ${condition.Condition.Operands.join(',')}`).sort();
    if (operands.join('|') !== 'Equals False|Equals True') return [`${name}: needs exactly the conditions Equals True and Equals False`];
  }
  if (action.Type === 'Compare' && conditions.length === 0) return [`${name}: compares against no condition`];
  if (action.Type === 'InvokeLambdaFunction') return lambdaProblems(name, action);
  if (action.Type === 'GetParticipantInput') return inputProblems(name, action);
  if (action.Type === 'UpdateContactMediaStreamingBehavior') return streamingProblems(name, action);
  return [];
}

/** InvokeLambdaFunction: time limit 1–8 s; `InvocationType` and `ResponseValidation.ResponseType` from their lists. */
function lambdaProblems(name: string, action: FlowAction): string[] {
  const parameters = action.Parameters ?? {};
  const problems: string[] = [];
  const limit = Number(parameters['InvocationTimeLimitSeconds']);
  if (!Number.isInteger(limit) || limit < LAMBDA_TIME_LIMIT.min || limit > LAMBDA_TIME_LIMIT.max) {
    problems.push(`${name}: InvocationTimeLimitSeconds must be an integer from ${LAMBDA_TIME_LIMIT.min} to ${LAMBDA_TIME_LIMIT.max}`);
  }
  const invocationType = parameters['InvocationType'];
  if (invocationType !== undefined && invocationType !== 'SYNCHRONOUS' && invocationType !== 'ASYNCHRONOUS') {
    problems.push(`${name}: InvocationType must be SYNCHRONOUS or ASYNCHRONOUS`);
  }
  const validation = parameters['ResponseValidation'];
  if (validation !== undefined && !(isObject(validation) && ['STRING_MAP', 'JSON'].includes(String(validation['ResponseType'])))) {
    problems.push(`${name}: ResponseValidation.ResponseType must be STRING_MAP or JSON`);
  }
  return problems;
}

/**
 * GetParticipantInput: "If the StoreInput option is True, there is no run result and conditions are
 * not supported", InputValidation is "required if and only if StoreInput is True", and
 * NoMatchingCondition "Must be defined only if StoreInput is False".
 */
function inputProblems(name: string, action: FlowAction): string[] {
  const parameters = action.Parameters ?? {};
  const problems: string[] = [];
  const limit = Number(parameters['InputTimeLimitSeconds']);
  if (!Number.isInteger(limit) || limit < INPUT_TIME_LIMIT.min || limit > INPUT_TIME_LIMIT.max) {
    problems.push(`${name}: InputTimeLimitSeconds must be an integer from ${INPUT_TIME_LIMIT.min} to ${INPUT_TIME_LIMIT.max}`);
  }
  const dtmf = parameters['DTMFConfiguration'];
  if (isObject(dtmf) && dtmf['InputTerminationSequence'] !== undefined && !TERMINATION_SEQUENCE.test(String(dtmf['InputTerminationSequence']))) {
    problems.push(`${name}: DTMFConfiguration.InputTerminationSequence must be up to five of 0-9, # and *`);
  }
  const stores = parameters['StoreInput'] === 'True';
  const conditions = action.Transitions?.Conditions ?? [];
  const errors = new Set((action.Transitions?.Errors ?? []).map((error) => error.ErrorType));
  if (stores) {
    if (!isObject(parameters['InputValidation'])) problems.push(`${name}: StoreInput True needs InputValidation`);
    if (conditions.length > 0 || errors.has('NoMatchingCondition')) problems.push(`${name}: StoreInput True takes no conditions and no NoMatchingCondition`);
  } else {
    if (parameters['InputValidation'] !== undefined) problems.push(`${name}: InputValidation is only for StoreInput True`);
    if (conditions.length > 0 && !errors.has('NoMatchingCondition')) problems.push(`${name}: no error path for NoMatchingCondition`);
  }
  return problems;
}

/** UpdateContactMediaStreamingBehavior: every field static; only the Customer's Audio, From and/or To. */
function streamingProblems(name: string, action: FlowAction): string[] {
  const parameters = action.Parameters ?? {};
  const problems: string[] = [];
  if (parameters['MediaStreamingState'] !== 'Enabled' && parameters['MediaStreamingState'] !== 'Disabled') {
    problems.push(`${name}: MediaStreamingState must be Enabled or Disabled`);
  }
  if (parameters['MediaStreamType'] !== 'Audio') problems.push(`${name}: MediaStreamType must be Audio`);
  const participants = parameters['Participants'];
  const valid =
    Array.isArray(participants) &&
    participants.length > 0 &&
    participants.every(
      (participant: unknown) =>
        isObject(participant) &&
        participant['ParticipantType'] === 'Customer' &&
        Array.isArray(participant['MediaDirections']) &&
        participant['MediaDirections'].length > 0 &&
        participant['MediaDirections'].every((direction: unknown) => direction === 'From' || direction === 'To'),
    );
  if (!valid) problems.push(`${name}: Participants must list the Customer with MediaDirections From and/or To`);
  return problems;
}

/** Identifiers no path from StartAction reaches, in document order. */
function unreachable(flow: FlowDocument, ids: ReadonlySet<string>): string[] {
  const byId = new Map(flow.Actions.map((action) => [action.Identifier, action]));
  const seen = new Set<string>();
  const pending = [flow.StartAction];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const action = byId.get(id);
    if (action) pending.push(...transitionTargets(action).map(({ target }) => target).filter((target) => ids.has(target)));
  }
  return [...ids].filter((id) => !seen.has(id));
}

/** The console lays blocks out from `Metadata.ActionMetadata.<id>.position`; it cannot place one without it. */
function metadataProblems(flow: FlowDocument, ids: ReadonlySet<string>): string[] {
  const layout = flow.Metadata?.ActionMetadata ?? {};
  return [
    ...[...ids].filter((id) => !isObject(layout[id]) || !isObject(layout[id]['position'])).map((id) => `action ${id} has no position in Metadata.ActionMetadata`),
    ...Object.keys(layout).filter((id) => !ids.has(id)).map((id) => `Metadata.ActionMetadata names ${id}, which is not an action of the flow`),
  ];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFlowDocument(value: unknown): value is FlowDocument {
  return (
    isObject(value) &&
    typeof value['Version'] === 'string' &&
    typeof value['StartAction'] === 'string' &&
    Array.isArray(value['Actions']) &&
    value['Actions'].every(
      (action: unknown) =>
        isObject(action) &&
        typeof action['Identifier'] === 'string' &&
        typeof action['Type'] === 'string' &&
        (action['Transitions'] === undefined || isTransitions(action['Transitions'])),
    )
  );
}

function isTransitions(value: unknown): value is FlowTransitions {
  if (!isObject(value)) return false;
  const { NextAction: next, Conditions: conditions, Errors: errors } = value;
  return (
    (next === undefined || typeof next === 'string') &&
    (conditions === undefined ||
      (Array.isArray(conditions) &&
        conditions.every(
          (condition: unknown) =>
            isObject(condition) &&
            typeof condition['NextAction'] === 'string' &&
            isObject(condition['Condition']) &&
            typeof condition['Condition']['Operator'] === 'string' &&
            Array.isArray(condition['Condition']['Operands']),
        ))) &&
    (errors === undefined ||
      (Array.isArray(errors) &&
        errors.every((error: unknown) => isObject(error) && typeof error['NextAction'] === 'string' && typeof error['ErrorType'] === 'string')))
  );
}
