import { z } from 'zod';
import { InvalidActionParametersError, InvalidFlowError } from './errors';

/**
 * The Flow language as far as the interpreter reads it: `StartAction`, and actions with their
 * `Parameters` and `Transitions` (`NextAction`, `Conditions`, `Errors`).
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-language.html
 */
const conditionSchema = z.object({
  NextAction: z.string(),
  Condition: z.object({ Operator: z.string(), Operands: z.array(z.string()) }),
});

const actionSchema = z.object({
  Identifier: z.string().min(1),
  Type: z.string().min(1),
  Parameters: z.record(z.string(), z.unknown()).default({}),
  Transitions: z
    .object({
      NextAction: z.string().optional(),
      Conditions: z.array(conditionSchema).default([]),
      Errors: z.array(z.object({ NextAction: z.string(), ErrorType: z.string() })).default([]),
    })
    .default({ Conditions: [], Errors: [] }),
});

const flowSchema = z.object({
  Version: z.string(),
  StartAction: z.string(),
  Actions: z.array(actionSchema),
});

/** One action of a parsed flow. */
export type FlowAction = z.infer<typeof actionSchema>;

/** One `Conditions` entry of an action. */
export type FlowCondition = z.infer<typeof conditionSchema>;

/** A parsed flow: its start and its actions by identifier. */
export interface ParsedFlow {
  readonly startAction: string;
  readonly actions: ReadonlyMap<string, FlowAction>;
}

/**
 * Parses Flow language JSON (as `renderContactFlow` returns it) into a {@link ParsedFlow}.
 *
 * @throws {InvalidFlowError} when the text is not JSON, not a flow document, or repeats an identifier
 * @example
 * const flow = parseFlow(renderContactFlow('patient-ivr', values));
 */
export function parseFlow(json: string): ParsedFlow {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new InvalidFlowError('the flow is not valid JSON', { cause: error });
  }
  const parsed = flowSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidFlowError(`not a flow document: ${z.prettifyError(parsed.error)}`);
  const actions = new Map<string, FlowAction>();
  for (const action of parsed.data.Actions) {
    if (actions.has(action.Identifier)) throw new InvalidFlowError(`identifier ${action.Identifier} is used by more than one action`);
    actions.set(action.Identifier, action);
  }
  return { startAction: parsed.data.StartAction, actions };
}

/**
 * An action's Parameters read with `schema`: the edge where each block type's parameters become
 * typed values.
 *
 * @throws {InvalidActionParametersError} naming the action when they do not fit
 */
export function parametersOf<T>(action: FlowAction, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(action.Parameters);
  if (!parsed.success) throw new InvalidActionParametersError(action.Identifier, `${action.Type} Parameters: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
