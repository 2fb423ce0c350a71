import { describe, expect, it } from 'vitest';
import { validateContactFlow } from '../../contact-flows/render';
import { flowWith } from './flowWith';

const errors = (...types: string[]) => types.map((ErrorType) => ({ ErrorType, NextAction: 'bye' }));

const streaming = (parameters: Record<string, unknown>) => ({
  Identifier: 'stream',
  Type: 'UpdateContactMediaStreamingBehavior',
  Parameters: parameters,
  Transitions: { NextAction: 'bye', Errors: errors('NoMatchingError') },
});

const listening = (parameters: Record<string, unknown>, transitions: Record<string, unknown> = {}) => ({
  Identifier: 'listen',
  Type: 'GetParticipantInput',
  Parameters: parameters,
  Transitions: { NextAction: 'bye', Errors: errors('InputTimeLimitExceeded', 'NoMatchingError'), ...transitions },
});

const STORE = { StoreInput: 'True', InputValidation: { CustomValidation: { MaximumLength: '20' } }, InputTimeLimitSeconds: '120', DTMFConfiguration: { InputTerminationSequence: '#' } };

describe('validateContactFlow on the capture blocks', () => {
  it('accepts streaming of the customer’s audio from the caller, and its stop', () => {
    // Prepare
    const parameters = { MediaStreamType: 'Audio', Participants: [{ ParticipantType: 'Customer', MediaDirections: ['From'] }] };
    // Act
    const problems = ['Enabled', 'Disabled'].flatMap((state) => validateContactFlow(flowWith(streaming({ ...parameters, MediaStreamingState: state }))));
    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a streaming block with a state, media type, participant or direction Connect does not take', () => {
    // Act
    const problems = validateContactFlow(
      flowWith(streaming({ MediaStreamingState: 'On', MediaStreamType: 'Video', Participants: [{ ParticipantType: 'Agent', MediaDirections: ['Both'] }] })),
    );
    // Assess
    expect(problems).toEqual([
      expect.stringMatching(/MediaStreamingState must be Enabled or Disabled/),
      expect.stringMatching(/MediaStreamType must be Audio/),
      expect.stringMatching(/Participants must list the Customer/),
    ]);
  });

  it('accepts a stored input with its validation, a # terminator and a two-minute limit', () => {
    // Act
    const problems = validateContactFlow(flowWith(listening(STORE)));
    // Assess
    expect(problems).toEqual([]);
  });

  it('reports a stored input with conditions, without validation, over 180 seconds or with a long terminator', () => {
    // Prepare
    const { InputValidation: _omitted, ...withoutValidation } = STORE;
    const action = listening(
      { ...withoutValidation, InputTimeLimitSeconds: '600', DTMFConfiguration: { InputTerminationSequence: '######' } },
      { Conditions: [{ NextAction: 'bye', Condition: { Operator: 'Equals', Operands: ['#'] } }], Errors: errors('InputTimeLimitExceeded', 'NoMatchingCondition', 'NoMatchingError') },
    );
    // Act
    const problems = validateContactFlow(flowWith(action));
    // Assess
    expect(problems).toEqual([
      expect.stringMatching(/InputTimeLimitSeconds must be an integer from 1 to 180/),
      expect.stringMatching(/InputTerminationSequence must be up to five/),
      expect.stringMatching(/StoreInput True needs InputValidation/),
      expect.stringMatching(/StoreInput True takes no conditions/),
    ]);
  });

  it('reports a menu input with conditions but no NoMatchingCondition path', () => {
    // Prepare
    const action = listening({ InputTimeLimitSeconds: '5' }, { Conditions: [{ NextAction: 'bye', Condition: { Operator: 'Equals', Operands: ['1'] } }] });
    // Act
    const problems = validateContactFlow(flowWith(action));
    // Assess
    expect(problems).toEqual([expect.stringMatching(/no error path for NoMatchingCondition/)]);
  });

  it('reports an invocation type or response validation Connect does not know', () => {
    // Prepare
    const action = {
      Identifier: 'invoke',
      Type: 'InvokeLambdaFunction',
      Parameters: { LambdaFunctionARN: 'arn:aws:lambda:us-east-1:111122223333:function:f', InvocationTimeLimitSeconds: '8', InvocationType: 'LATER', ResponseValidation: { ResponseType: 'XML' } },
      Transitions: { NextAction: 'bye', Errors: errors('NoMatchingError') },
    };
    // Act
    const problems = validateContactFlow(flowWith(action));
    // Assess
    expect(problems).toEqual([expect.stringMatching(/InvocationType must be SYNCHRONOUS or ASYNCHRONOUS/), expect.stringMatching(/ResponseType must be STRING_MAP or JSON/)]);
  });
});
