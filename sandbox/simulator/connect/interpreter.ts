import { describeCondition, transitionTargets } from '../../../contact-flows/graph';
import type { ModelledActionType } from '../../../contact-flows/parameters';
import { contactRecord, newContact, type ContactRecord, type ContactState, type NewContact } from './contact';
import { CONTACT_ACTIONS } from './contactActions';
import { parseFlow, type AnyRunnableAction, type FlowCondition, type ParsedFlow, type RunnableAction } from './document';
import { FlowActionLimitError, InvalidActionParametersError, MissingTransitionError } from './errors';
import { FLOW_CONTROL_ACTIONS } from './flowControlActions';
import { defaultHooks, type FlowHooks, type LocalLambda } from './hooks';
import { INTERACTION_ACTIONS } from './lambdaAction';
import { PARTICIPANT_ACTIONS } from './participantActions';
import type { ActionHandler, ActionOutcome, CallPrinter, CallerLine, Clinic, Deadline, FlowEnding, FlowRun, LexConversation, LineSource, LocalLexBot } from './run';

/** Every action type the interpreter runs, with its handler: one for each type whose Parameters the schema reads. */
export const ACTION_HANDLERS: { readonly [T in ModelledActionType]: ActionHandler<T> } = {
  ...PARTICIPANT_ACTIONS,
  ...FLOW_CONTROL_ACTIONS,
  ...CONTACT_ACTIONS,
  ...INTERACTION_ACTIONS,
};

/** Actions one call may run before the loop guard stops it (a flow allows 250 actions; loops revisit). */
export const MAX_FLOW_ACTIONS = 1000;

/** Caller lines one call may take before the simulator stops it. */
export const MAX_CALLER_LINES = 60;

/** The number the simulated caller dials. */
export const CLINIC_NUMBER = '+15555550100';

/** What a run of the interpreter needs. */
export interface FlowInterpreterOptions {
  /** The flow, Flow language JSON with every ARN filled in. */
  readonly flow: string;
  /**
   * The contact: its id (also the Lex session id) and, for a call, the calling number; for a task,
   * `channel: 'TASK'` and the attributes it was created with.
   */
  readonly contact: NewContact;
  readonly lines: LineSource;
  readonly print: CallPrinter;
  /** Bot aliases by ARN. @default none */
  readonly bots?: Readonly<Record<string, LocalLexBot>>;
  /** Lambda functions by ARN. @default none */
  readonly functions?: Readonly<Record<string, LocalLambda>>;
  /** @default {@link defaultHooks} */
  readonly hooks?: Partial<FlowHooks>;
  /** @default open, queue not at capacity */
  readonly clinic?: Partial<Clinic>;
  /** @default MAX_FLOW_ACTIONS */
  readonly maxActions?: number;
  /** @default MAX_CALLER_LINES */
  readonly maxCallerLines?: number;
  /** @default a `setTimeout` timer */
  readonly deadline?: Deadline;
}

/** How a run ended, and the contact as it was then. */
export interface FlowOutcome {
  readonly ending: FlowEnding;
  /** Caller lines taken. */
  readonly turns: number;
  /** Identifiers of the actions run, in order. */
  readonly path: readonly string[];
  readonly contact: ContactState;
  /** Session attributes of each bot the contact talked to, by bot name. */
  readonly lexSessions: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The contact record Connect would keep: contact attributes, never flow attributes. */
  readonly record: ContactRecord;
}

const realDeadline: Deadline = (ms) => {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { expired, cancel: () => clearTimeout(timer) };
};

/**
 * Runs a contact flow for one simulated call: from `StartAction`, one action at a time, along
 * `Transitions` (NextAction, Conditions, Errors), until an action ends the call. Each step is traced
 * as `flow: <from> -> <to>`.
 *
 * @throws {UnknownActionTypeError} when the flow holds an action type the interpreter does not run
 * @throws {MissingTransitionError} when a transition names no action, or an outcome has no transition
 * @throws {FlowActionLimitError} when more than `maxActions` actions run in one call
 * @example
 * const outcome = await runFlow({ flow, contact: { contactId, customerNumber }, lines, print, bots, functions });
 */
export async function runFlow(options: FlowInterpreterOptions): Promise<FlowOutcome> {
  const flow = parseFlow(options.flow);
  checkStatically(flow);
  const maxCallerLines = options.maxCallerLines ?? MAX_CALLER_LINES;
  // A call dials the clinic's number; a task has no phone number at all.
  const state = newContact(options.contact.channel === 'TASK' ? options.contact : { systemNumber: CLINIC_NUMBER, ...options.contact });
  const path: string[] = [];
  let turns = 0;
  /** The caller's next line once peeked at, not yet said to any block. */
  let ahead: { readonly text: string | undefined } | undefined;
  const run: FlowRun = {
    state,
    print: options.print,
    bots: new Map(Object.entries(options.bots ?? {})),
    sessions: new Map<string, LexConversation>(),
    functions: new Map(Object.entries(options.functions ?? {})),
    hooks: { ...defaultHooks(), ...options.hooks },
    clinic: { open: true, queueAtCapacity: false, ...options.clinic },
    deadline: options.deadline ?? realDeadline,
    peek: async (): Promise<CallerLine> => {
      if (turns >= maxCallerLines) return { kind: 'end', ending: 'limit' };
      if (ahead === undefined) ahead = { text: await options.lines.next() };
      return ahead.text === undefined ? { kind: 'end', ending: 'hangup' } : { kind: 'line', text: ahead.text };
    },
    listen: async (): Promise<CallerLine> => {
      if (turns >= maxCallerLines) return { kind: 'end', ending: 'limit' };
      const text = ahead === undefined ? await options.lines.next() : ahead.text;
      ahead = undefined;
      if (text === undefined) return { kind: 'end', ending: 'hangup' };
      turns += 1;
      options.print.caller(text);
      return { kind: 'line', text };
    },
  };

  const maxActions = options.maxActions ?? MAX_FLOW_ACTIONS;
  let id = flow.startAction;
  options.print.trace(`flow: contact ${state.contactId} starts at ${id}`);
  for (;;) {
    if (path.length >= maxActions) throw new FlowActionLimitError(maxActions, id);
    path.push(id);
    const action = flow.actions.get(id) as AnyRunnableAction;
    const outcome = await runAction(action, run);
    if (outcome.kind === 'end') {
      options.print.trace(`flow: ${id} ends the ${state.channel === 'TASK' ? 'task' : 'call'} (${outcome.ending})`);
      return finish(run, outcome.ending, turns, path);
    }
    const { target, via } = transition(action, outcome);
    if (!flow.actions.has(target)) throw new MissingTransitionError(id, via, target);
    options.print.trace(`flow: ${id} -> ${target}${via === 'NextAction' ? '' : ` (${via})`}`);
    id = target;
  }
}

/** Runs one action with the handler of its type (the type and its handler's argument agree through `T`). */
function runAction<T extends ModelledActionType>(action: RunnableAction<T>, run: FlowRun): Promise<ActionOutcome> {
  const handler: ActionHandler<T> = ACTION_HANDLERS[action.Type];
  return handler(action, run);
}

/**
 * Before the call starts (types and Parameters were checked by `parseFlow`): the start action exists,
 * every named target exists, every condition operator is one the interpreter evaluates.
 */
function checkStatically(flow: ParsedFlow): void {
  if (!flow.actions.has(flow.startAction)) throw new MissingTransitionError('(flow)', 'StartAction', flow.startAction);
  for (const action of flow.actions.values()) {
    for (const { target, via } of transitionTargets(action)) if (!flow.actions.has(target)) throw new MissingTransitionError(action.Identifier, via, target);
    for (const { Condition } of action.Transitions.Conditions ?? []) {
      if (!Object.hasOwn(OPERATORS, Condition.Operator)) throw new InvalidActionParametersError(action.Identifier, `unsupported condition operator ${Condition.Operator}`);
    }
  }
}

/** Where an outcome leads: the first matching condition, the error's branch (or the catch-all), or NextAction. */
function transition(action: RunnableAction, outcome: Exclude<ActionOutcome, { kind: 'end' }>): { target: string; via: string } {
  const { NextAction, Conditions = [], Errors = [] } = action.Transitions;
  if (outcome.kind === 'next') {
    if (NextAction === undefined) throw new MissingTransitionError(action.Identifier, 'NextAction');
    return { target: NextAction, via: 'NextAction' };
  }
  if (outcome.kind === 'branch') {
    const match = Conditions.find((condition) => matches(condition, outcome.value));
    if (match) return { target: match.NextAction, via: `${outcome.subject} ${describeCondition(match).replace('condition ', '')}` };
    return errorBranch(action, Errors, 'NoMatchingCondition', `${outcome.subject} = ${outcome.value ?? '(not set)'}`);
  }
  return errorBranch(action, Errors, outcome.errorType, outcome.reason);
}

function errorBranch(action: RunnableAction, errors: NonNullable<RunnableAction['Transitions']['Errors']>, errorType: string, reason: string): { target: string; via: string } {
  // NoMatchingError is the catch-all: "if no other Error matches".
  const branch = errors.find((error) => error.ErrorType === errorType) ?? errors.find((error) => error.ErrorType === 'NoMatchingError');
  if (!branch) throw new MissingTransitionError(action.Identifier, `error ${errorType} (${reason})`);
  return { target: branch.NextAction, via: `error ${branch.ErrorType}: ${reason}` };
}

/** Condition operators of the Flow language, each a test of the value against the operand. */
const OPERATORS: Readonly<Record<string, (value: string, operand: string) => boolean>> = {
  Equals: (value, operand) => value === operand,
  TextStartsWith: (value, operand) => value.startsWith(operand),
  TextEndsWith: (value, operand) => value.endsWith(operand),
  TextContains: (value, operand) => value.includes(operand),
  NumberGreaterThan: (value, operand) => numbers(value, operand, (a, b) => a > b),
  NumberGreaterOrEqualTo: (value, operand) => numbers(value, operand, (a, b) => a >= b),
  NumberLessThan: (value, operand) => numbers(value, operand, (a, b) => a < b),
  NumberLessOrEqualTo: (value, operand) => numbers(value, operand, (a, b) => a <= b),
};

function numbers(value: string, operand: string, test: (a: number, b: number) => boolean): boolean {
  const [a, b] = [Number(value), Number(operand)];
  return value.trim() !== '' && Number.isFinite(a) && Number.isFinite(b) && test(a, b);
}

/** A value that is not set matches no condition (operators were checked before the call). */
function matches(condition: FlowCondition, value: string | undefined): boolean {
  const { Operator, Operands } = condition.Condition;
  const test = OPERATORS[Operator];
  return value !== undefined && test !== undefined && Operands.some((operand) => test(value, operand));
}

async function finish(run: FlowRun, ending: FlowEnding, turns: number, path: string[]): Promise<FlowOutcome> {
  const { state } = run;
  // The stream ends with the contact.
  if (state.streaming && state.audio) {
    try {
      state.audio = { ...state.audio, ...(await run.hooks.media.stop(state.contactId)) };
    } catch (error) {
      run.print.trace(`flow: caller audio streaming did not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
    }
    state.streaming = false;
  }
  const lexSessions: Record<string, Record<string, string>> = {};
  // Sessions are kept by "<alias ARN> <locale>"; the later locale of a bot (the one chosen) wins.
  for (const [key, conversation] of run.sessions) {
    const arn = key.split(' ')[0] ?? key;
    lexSessions[run.bots.get(arn)?.name ?? arn] = { ...conversation.attributes };
  }
  const record = contactRecord(state);
  run.print.trace(`contact record: ${JSON.stringify(record)}`);
  return { ending, turns, path, contact: state, lexSessions, record };
}
