import { NamedError } from '../../../fulfillment/runtime/errors';

/**
 * Errors of the contact flow interpreter. Each one means the flow (or the simulator's wiring) is
 * broken: Connect would reject the flow or strand the caller, so the simulator stops and says where
 * instead of guessing a way on.
 */

/** Base class of every error the flow interpreter raises. */
export class FlowInterpreterError extends NamedError {}

/** The flow JSON is not a flow document the interpreter can run (not JSON, or the wrong shape). */
export class InvalidFlowError extends FlowInterpreterError {}

/** An action of a type the interpreter does not implement. */
export class UnknownActionTypeError extends FlowInterpreterError {
  public constructor(
    public readonly actionId: string,
    public readonly actionType: string,
  ) {
    super(`action ${actionId}: unknown action type ${actionType}; the simulator does not run it`);
  }
}

/** An action moved on to a target that is missing: no transition for the outcome, or no such action. */
export class MissingTransitionError extends FlowInterpreterError {
  public constructor(
    public readonly actionId: string,
    /** Which way out was taken: `NextAction`, `error NoMatchingError`, `condition Equals ok` … */
    public readonly via: string,
    /** The identifier it named, when it named one that does not exist. */
    public readonly target?: string,
  ) {
    super(
      target === undefined
        ? `action ${actionId}: no transition for ${via}`
        : `action ${actionId}: ${via} points to ${target}, which is not an action of the flow`,
    );
  }
}

/** The action's Parameters are not what its type takes (a required one missing, a wrong shape). */
export class InvalidActionParametersError extends FlowInterpreterError {
  public constructor(
    public readonly actionId: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`action ${actionId}: ${detail}`, options);
  }
}

/** A `$.` reference the interpreter cannot evaluate: an unknown namespace or unsupported syntax. */
export class UnsupportedReferenceError extends FlowInterpreterError {
  public constructor(
    public readonly reference: string,
    detail: string,
  ) {
    super(`reference ${reference}: ${detail}`);
  }
}

/** More actions ran in one call than the loop guard allows: the flow loops without end. */
export class FlowActionLimitError extends FlowInterpreterError {
  public constructor(
    public readonly limit: number,
    public readonly lastActionId: string,
  ) {
    super(`more than ${limit} actions ran in one call (last: ${lastActionId}); the flow loops without end`);
  }
}

/** A placeholder of the flow has no local stand-in (a bot, function or queue) in the simulator. */
export class LocalWiringError extends FlowInterpreterError {
  public constructor(
    public readonly placeholder: string,
    detail: string,
  ) {
    super(`placeholder ${placeholder}: ${detail}`);
  }
}
