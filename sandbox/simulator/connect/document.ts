/**
 * The flow the interpreter runs, read with the project's one Flow language schema
 * (`contact-flows/schema.ts` and `contact-flows/parameters.ts`, the ones the validator uses): every
 * action's Parameters are parsed before the call starts, so the action handlers get typed values.
 */

import { duplicateIdentifierProblems } from '../../../contact-flows/graph';
import { isModelledActionType, parseParameters, type ModelledActionType, type ParametersOf } from '../../../contact-flows/parameters';
import { parseFlowDocument, type FlowAction, type FlowTransitions } from '../../../contact-flows/schema';
import { InvalidActionParametersError, InvalidFlowError, UnknownActionTypeError } from './errors';

export type { FlowAction, FlowCondition } from '../../../contact-flows/schema';

/** An action ready to run: a type the interpreter runs, its Parameters parsed with that type's schema. */
export interface RunnableAction<T extends ModelledActionType = ModelledActionType> {
  readonly Identifier: string;
  readonly Type: T;
  readonly Parameters: ParametersOf<T>;
  readonly Transitions: FlowTransitions;
}

/** A runnable action of any type, discriminated by `Type`. */
export type AnyRunnableAction = { [T in ModelledActionType]: RunnableAction<T> }[ModelledActionType];

/** A parsed flow: its start and its actions by identifier. */
export interface ParsedFlow {
  readonly startAction: string;
  readonly actions: ReadonlyMap<string, AnyRunnableAction>;
}

/**
 * Parses Flow language JSON (as `renderContactFlow` returns it) into a {@link ParsedFlow}.
 *
 * @throws {InvalidFlowError} when the text is not JSON, not a flow document, or repeats an identifier
 * @throws {UnknownActionTypeError} when an action is of a type the interpreter does not run
 * @throws {InvalidActionParametersError} when an action's Parameters do not fit its type
 * @example
 * const flow = parseFlow(renderContactFlow('patient-ivr', values));
 */
export function parseFlow(json: string): ParsedFlow {
  const parsed = parseFlowDocument(json);
  if (!parsed.ok) throw new InvalidFlowError(parsed.reason);
  const [duplicate] = duplicateIdentifierProblems(parsed.flow.Actions);
  if (duplicate !== undefined) throw new InvalidFlowError(duplicate);
  const actions = new Map(parsed.flow.Actions.map((action) => [action.Identifier, runnable(action)]));
  return { startAction: parsed.flow.StartAction, actions };
}

function runnable(action: FlowAction): AnyRunnableAction {
  const { Identifier, Type } = action;
  if (!isModelledActionType(Type)) throw new UnknownActionTypeError(Identifier, Type);
  const parsed = parseParameters(action, Type);
  if (!parsed.ok) throw new InvalidActionParametersError(Identifier, parsed.problems.join('; '));
  return { Identifier, Type, Parameters: parsed.parameters, Transitions: action.Transitions ?? {} } as AnyRunnableAction;
}
