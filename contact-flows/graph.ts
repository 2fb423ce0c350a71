/**
 * A flow as a graph of actions joined by their Transitions: what the validator checks before deploy
 * and what the interpreter checks before a call starts, in the same words.
 */

import type { FlowAction, FlowCondition, FlowDocument, FlowTransitions } from './schema';

/** One way out of an action: where it goes, and how it was written (for messages). */
export interface TransitionTarget {
  readonly target: string;
  /** `NextAction`, `condition Equals ok`, `error NoMatchingError` … */
  readonly via: string;
}

/**
 * A condition as messages name it.
 *
 * @example
 * describeCondition({ NextAction: 'x', Condition: { Operator: 'Equals', Operands: ['ok'] } }); // 'condition Equals ok'
 */
export function describeCondition(condition: FlowCondition): string {
  return `condition ${condition.Condition.Operator} ${condition.Condition.Operands.join(',')}`;
}

/**
 * Every target an action can move to, with where it was written.
 *
 * @example
 * transitionTargets(action).map(({ target }) => target); // ['services-bot', 'error-apology']
 */
export function transitionTargets(action: { readonly Transitions?: FlowTransitions | undefined }): TransitionTarget[] {
  const transitions = action.Transitions ?? {};
  return [
    ...(transitions.NextAction === undefined ? [] : [{ target: transitions.NextAction, via: 'NextAction' }]),
    ...(transitions.Conditions ?? []).map((condition) => ({ target: condition.NextAction, via: describeCondition(condition) })),
    ...(transitions.Errors ?? []).map((error) => ({ target: error.NextAction, via: `error ${error.ErrorType}` })),
  ];
}

/**
 * "A string that must be unique among all Actions": one sentence per identifier used again, in
 * document order.
 */
export function duplicateIdentifierProblems(actions: readonly FlowAction[]): string[] {
  const ids = new Set<string>();
  const problems: string[] = [];
  for (const action of actions) {
    if (ids.has(action.Identifier)) problems.push(`identifier ${action.Identifier} is used by more than one action`);
    ids.add(action.Identifier);
  }
  return problems;
}

/** Identifiers no path from StartAction reaches, in document order (targets that name no action are skipped). */
export function unreachableIdentifiers(flow: FlowDocument): string[] {
  const byId = new Map(flow.Actions.map((action) => [action.Identifier, action]));
  const seen = new Set<string>();
  const pending = [flow.StartAction];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const action = byId.get(id);
    if (action) pending.push(...transitionTargets(action).map(({ target }) => target).filter((target) => byId.has(target)));
  }
  return [...byId.keys()].filter((id) => !seen.has(id));
}
