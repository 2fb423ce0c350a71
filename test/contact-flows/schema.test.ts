import { describe, expect, it } from 'vitest';
import { validateContactFlow } from '../../contact-flows/render';
import { parseFlowDocument } from '../../contact-flows/schema';
import { flowWith } from './flowWith';
import { InvalidActionParametersError, InvalidFlowError, runFlow, UnknownActionTypeError } from '../../sandbox/simulator/connect';

const invoke = (parameters: Record<string, unknown>) => ({
  Identifier: 'invoke',
  Type: 'InvokeLambdaFunction',
  Parameters: { LambdaFunctionARN: 'arn:aws:lambda:us-east-1:111122223333:function:f', ...parameters },
  Transitions: { NextAction: 'bye', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'bye' }] },
});

/** Runs `json` in the call simulator's interpreter; the caller says nothing and hangs up. */
function interpret(json: string): ReturnType<typeof runFlow> {
  const print = { ivr: () => undefined, caller: () => undefined, trace: () => undefined };
  return runFlow({ flow: json, contact: { contactId: 'contact-1', customerNumber: '+16085550142' }, lines: { next: async () => undefined }, print });
}

/** How the interpreter refused `json`. */
async function interpreterRefusal(json: string): Promise<Error> {
  return interpret(json).then(
    () => expect.unreachable('the interpreter ran the flow'),
    (error: unknown) => error as Error,
  );
}

describe('one Flow language schema for the validator and the interpreter', () => {
  it('lets both run a flow the schema accepts', async () => {
    // Prepare
    const json = flowWith({ Identifier: 'say', Type: 'MessageParticipant', Parameters: { Text: 'One moment.' }, Transitions: { NextAction: 'bye', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'bye' }] } });
    // Act
    const problems = validateContactFlow(json);
    const outcome = await interpret(json);
    // Assess
    expect(problems).toEqual([]);
    expect(outcome.path).toEqual(['hello', 'say', 'bye']);
  });

  it('refuses a document the schema rejects in both, with the same reason', async () => {
    // Prepare: condition operands are strings in the Flow language.
    const json = flowWith({
      Identifier: 'check',
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.Attributes.x' },
      Transitions: { NextAction: 'bye', Conditions: [{ NextAction: 'bye', Condition: { Operator: 'Equals', Operands: [7] } }], Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: 'bye' }] },
    });
    const parsed = parseFlowDocument(json);
    // Act
    const problems = validateContactFlow(json);
    const refusal = await interpreterRefusal(json);
    // Assess
    expect(parsed.ok).toBe(false);
    const reason = parsed.ok ? '' : parsed.reason;
    expect(reason).toMatch(/^not a flow document: .*Operands/s);
    expect(problems).toEqual([reason]);
    expect(refusal).toBeInstanceOf(InvalidFlowError);
    expect(refusal.message).toBe(reason);
  });

  it('refuses Parameters that do not fit their action type in both, with the same sentence naming the action', async () => {
    // Prepare
    const json = flowWith(invoke({ InvocationTimeLimitSeconds: '9' }));
    const sentence = 'InvocationTimeLimitSeconds must be an integer from 1 to 8';
    // Act
    const problems = validateContactFlow(json);
    const refusal = await interpreterRefusal(json);
    // Assess
    expect(problems).toEqual([`action invoke (InvokeLambdaFunction): ${sentence}`]);
    expect(refusal).toBeInstanceOf(InvalidActionParametersError);
    expect(refusal.message).toBe(`action invoke: ${sentence}`);
  });

  it('names the action of a type neither knows', async () => {
    // Prepare
    const json = flowWith({ Identifier: 'pigeon', Type: 'SendCarrierPigeon', Parameters: {}, Transitions: { NextAction: 'bye' } });
    // Act
    const problems = validateContactFlow(json);
    const refusal = await interpreterRefusal(json);
    // Assess
    expect(problems).toEqual([expect.stringMatching(/^action pigeon \(SendCarrierPigeon\): unknown action type/)]);
    expect(refusal).toBeInstanceOf(UnknownActionTypeError);
    expect(refusal.message).toMatch(/^action pigeon: unknown action type SendCarrierPigeon/);
  });
});
