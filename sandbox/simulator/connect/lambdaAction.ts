/**
 * `InvokeLambdaFunction`: calls a local function with the event Connect would send, and keeps its
 * checked answer as `$.External`.
 * https://docs.aws.amazon.com/connect/latest/APIReference/interactions-invokelambdafunction.html
 */

import type { ConnectContactFlowEvent } from 'aws-lambda';
import * as z from 'zod';
import { parameterValue, type ContactState } from './contact';
import { InvalidActionParametersError } from './errors';
import { failed, NO_MATCHING_ERROR, type ActionHandler, type Deadline } from './run';

/** The local instance the simulated contacts belong to. */
export const LOCAL_INSTANCE_ARN = 'arn:aws:connect:local:000000000000:instance/simulated-instance';

/** STRING_MAP: "a flat object of key/value pairs of the string type" (null values are dropped). */
const stringMapSchema = z.record(z.string(), z.string().nullable()).transform((map) => Object.fromEntries(Object.entries(map).filter((entry): entry is [string, string] => entry[1] !== null)));

/** JSON: any JSON object, nested or not. */
const jsonSchema = z.record(z.string(), z.unknown());

/**
 * The event Connect sends a Lambda function from a flow (`@types/aws-lambda` `ConnectContactFlowEvent`):
 * the contact's data, with contact attributes (never flow attributes) and the caller's audio stream,
 * and the action's evaluated `LambdaInvocationAttributes` as `Parameters`.
 */
export function connectEvent(state: ContactState, parameters: Readonly<Record<string, string>>): ConnectContactFlowEvent {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: { ...state.contactAttributes },
        // @types/aws-lambda lists no TASK channel; Connect sends TASK for a task contact.
        Channel: state.channel as ConnectContactFlowEvent['Details']['ContactData']['Channel'],
        ContactId: state.contactId,
        CustomerEndpoint: state.customerNumber === undefined ? null : { Address: state.customerNumber, Type: 'TELEPHONE_NUMBER' },
        InitialContactId: state.contactId,
        InitiationMethod: state.initiationMethod,
        InstanceARN: LOCAL_INSTANCE_ARN,
        PreviousContactId: state.contactId,
        Queue: state.queue ? { ARN: state.queue, Name: state.queue.split('/').at(-1) ?? state.queue } : null,
        SystemEndpoint: state.systemNumber === undefined ? null : { Address: state.systemNumber, Type: 'TELEPHONE_NUMBER' },
        MediaStreams: { Customer: { Audio: state.audio ? { ...state.audio } : null } },
      },
      Parameters: { ...parameters },
    },
  };
}

type Answer = { readonly kind: 'answer'; readonly value: unknown } | { readonly kind: 'timeout' };

/** Runs `work` against the time limit; a throw rejects. */
async function withinLimit(work: () => Promise<unknown>, ms: number, deadline: Deadline): Promise<Answer> {
  const timer = deadline(ms);
  try {
    return await Promise.race([
      Promise.resolve().then(work).then((value): Answer => ({ kind: 'answer', value })),
      timer.expired.then((): Answer => ({ kind: 'timeout' })),
    ]);
  } finally {
    timer.cancel();
  }
}

/**
 * `InvokeLambdaFunction`. A throw, an answer after `InvocationTimeLimitSeconds`, or an answer that
 * fails `ResponseValidation` takes the error branch; `$.External` is cleared first, so a failed call
 * never leaves the previous answer behind. ASYNCHRONOUS calls are not awaited and set nothing.
 */
const invokeLambdaFunction: ActionHandler<'InvokeLambdaFunction'> = async (action, run) => {
  const parameters = action.Parameters;
  const arn = parameterValue(parameters.LambdaFunctionARN, run.state) ?? '';
  const fn = run.functions.get(arn);
  if (!fn) throw new InvalidActionParametersError(action.Identifier, `no local function for ${arn}`);
  const passed: Record<string, string> = {};
  for (const [key, value] of Object.entries(parameters.LambdaInvocationAttributes)) {
    const evaluated = parameterValue(value, run.state);
    if (evaluated !== undefined) passed[key] = evaluated;
  }
  const event = connectEvent(run.state, passed);
  run.state.external = {};
  if (parameters.InvocationType === 'ASYNCHRONOUS') {
    Promise.resolve()
      .then(() => fn(event))
      .catch((error: unknown) => run.print.trace(`flow: ${action.Identifier}: asynchronous call failed: ${error instanceof Error ? error.message : String(error)}`));
    return { kind: 'next' };
  }

  let answer: Answer;
  try {
    answer = await withinLimit(() => fn(event), parameters.InvocationTimeLimitSeconds * 1000, run.deadline);
  } catch (error) {
    return failed(NO_MATCHING_ERROR, `${arn} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
  if (answer.kind === 'timeout') return failed(NO_MATCHING_ERROR, `${arn} did not answer within ${parameters.InvocationTimeLimitSeconds} s`);
  const checked = (parameters.ResponseValidation.ResponseType === 'JSON' ? jsonSchema : stringMapSchema).safeParse(answer.value);
  if (!checked.success) return failed(NO_MATCHING_ERROR, `${arn} answered something other than a ${parameters.ResponseValidation.ResponseType === 'JSON' ? 'JSON object' : 'flat map of strings'}`);
  run.state.external = checked.data;
  run.print.trace(`flow: ${action.Identifier}: ${JSON.stringify(checked.data)}`);
  return { kind: 'next' };
};

/** Handlers of the interaction actions, by action type. */
export const INTERACTION_ACTIONS = {
  InvokeLambdaFunction: invokeLambdaFunction,
} as const;
