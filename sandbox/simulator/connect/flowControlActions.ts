/**
 * Flow control actions: branching and the flow's own state. Compare, UpdateFlowAttributes,
 * UpdateFlowLoggingBehavior, CheckHoursOfOperation.
 * https://docs.aws.amazon.com/connect/latest/APIReference/flow-control-actions.html
 */

import { parameterValue, referenceValue, type ContactState } from './contact';
import { failed, NO_MATCHING_ERROR, queueState, type ActionHandler } from './run';

/** `UpdateFlowLoggingBehavior`: switches flow logs (the simulator only keeps the setting). */
const updateFlowLoggingBehavior: ActionHandler<'UpdateFlowLoggingBehavior'> = async (action, run) => {
  run.state.flowLogging = action.Parameters.FlowLoggingBehavior;
  return { kind: 'next' };
};

/** `Compare`: branches on "any single JSONPath identifier". */
const compare: ActionHandler<'Compare'> = async (action, run) => {
  const { ComparisonValue } = action.Parameters;
  return { kind: 'branch', value: referenceValue(ComparisonValue, run.state), subject: ComparisonValue };
};

/**
 * Evaluates a set of attributes all-or-none, as both attribute actions are documented to set them:
 * a reference that is not set fails the whole action.
 */
export function evaluateAll(values: Readonly<Record<string, string>>, state: ContactState): { set: Record<string, string> } | { missing: string } {
  const set: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    const evaluated = parameterValue(value, state);
    if (evaluated === undefined) return { missing: `${key} = ${value}` };
    set[key] = evaluated;
  }
  return { set };
}

/** `UpdateFlowAttributes`: sets flow attributes, which stay out of the contact record. */
const updateFlowAttributes: ActionHandler<'UpdateFlowAttributes'> = async (action, run) => {
  const result = evaluateAll(action.Parameters.FlowAttributes, run.state);
  if ('missing' in result) return failed(NO_MATCHING_ERROR, `${result.missing} is not set; no flow attribute set`);
  Object.assign(run.state.flowAttributes, result.set);
  run.print.trace(`flow: ${action.Identifier}: flow attribute(s) ${Object.keys(result.set).join(', ')} set`);
  return { kind: 'next' };
};

/**
 * `CheckHoursOfOperation`: True when the clinic is open. Without `HoursOfOperationId` it reads the
 * target queue's hours, so a contact with no target queue takes the error branch.
 */
const checkHoursOfOperation: ActionHandler<'CheckHoursOfOperation'> = async (action, run) => {
  const { HoursOfOperationId } = action.Parameters;
  if (HoursOfOperationId === undefined && run.state.queue === undefined) return failed(NO_MATCHING_ERROR, 'no HoursOfOperationId and no target queue');
  return { kind: 'branch', value: queueState(run.clinic, run.state.queue).open ? 'True' : 'False', subject: 'open now' };
};

/** Handlers of the flow control actions, by action type. */
export const FLOW_CONTROL_ACTIONS = {
  UpdateFlowLoggingBehavior: updateFlowLoggingBehavior,
  Compare: compare,
  UpdateFlowAttributes: updateFlowAttributes,
  CheckHoursOfOperation: checkHoursOfOperation,
} as const;
