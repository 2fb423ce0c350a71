import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateContactFlow } from '../../contact-flows/render';

/** The smallest flow that passes: a message, then a hang-up, both placed for the console. */
function minimalFlow(): {
  Version: string;
  StartAction: string;
  Metadata: { ActionMetadata: Record<string, unknown> };
  Actions: Record<string, unknown>[];
} {
  return {
    Version: '2019-10-30',
    StartAction: 'hello',
    Metadata: { ActionMetadata: { hello: { position: { x: 0, y: 0 } }, bye: { position: { x: 200, y: 0 } } } },
    Actions: [
      {
        Identifier: 'hello',
        Type: 'MessageParticipant',
        Parameters: { Text: 'Hello.' },
        Transitions: { NextAction: 'bye', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'bye' }] },
      },
      { Identifier: 'bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ],
  };
}

/** `minimalFlow` with one more action inserted before the hang-up and placed in the metadata. */
function withAction(action: Record<string, unknown>): string {
  const flow = minimalFlow();
  flow.Actions.splice(1, 0, action);
  flow.Metadata.ActionMetadata[String(action['Identifier'])] = { position: { x: 100, y: 0 } };
  flow.Actions[0] = { ...flow.Actions[0], Transitions: { NextAction: action['Identifier'], Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'bye' }] } };
  return JSON.stringify(flow);
}

describe('validateContactFlow', () => {
  it('accepts a minimal well-formed flow', () => {
    // Act
    const problems = validateContactFlow(JSON.stringify(minimalFlow()));
    // Assess
    expect(problems).toEqual([]);
  });

  it('reports text that is not JSON', () => {
    // Act
    const problems = validateContactFlow('{"Version": ');
    // Assess
    expect(problems).toEqual([expect.stringMatching(/^invalid JSON/)]);
  });

  it('reports a version other than 2019-10-30 and a StartAction that is no action', () => {
    // Prepare
    const flow = { ...minimalFlow(), Version: '2020-01-01', StartAction: 'nowhere' };
    // Act
    const problems = validateContactFlow(JSON.stringify(flow));
    // Assess
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/Version is 2020-01-01/), expect.stringMatching(/StartAction nowhere/)]));
  });

  it('reports a NextAction, a condition or an error that points to no action', () => {
    // Prepare
    const json = withAction({
      Identifier: 'branch',
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.Attributes.x' },
      Transitions: {
        NextAction: 'ghost-next',
        Conditions: [{ NextAction: 'ghost-condition', Condition: { Operator: 'Equals', Operands: ['a'] } }],
        Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: 'ghost-error' }],
      },
    });
    // Act
    const problems = validateContactFlow(json);
    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/branch .*NextAction points to ghost-next/),
        expect.stringMatching(/branch .*condition Equals a points to ghost-condition/),
        expect.stringMatching(/branch .*error NoMatchingCondition points to ghost-error/),
      ]),
    );
  });

  it('reports an action that can fail with no error branch for it', () => {
    // Prepare
    const json = withAction({
      Identifier: 'queue',
      Type: 'TransferContactToQueue',
      Parameters: {},
      Transitions: { NextAction: 'bye', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'bye' }] },
    });
    // Act
    const problems = validateContactFlow(json);
    // Assess
    expect(problems).toEqual([expect.stringMatching(/queue \(TransferContactToQueue\): no error path for QueueAtCapacity/)]);
  });

  it('reports a dead end, a terminal action with transitions, and an unknown action type', () => {
    // Prepare
    const flow = minimalFlow();
    flow.Actions = [
      { Identifier: 'hello', Type: 'MessageParticipant', Parameters: { Text: 'Hi' }, Transitions: { Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'bye' }] } },
      { Identifier: 'bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: { NextAction: 'hello' } },
      { Identifier: 'odd', Type: 'TeleportParticipant', Parameters: {}, Transitions: { NextAction: 'bye' } },
    ];
    flow.Metadata.ActionMetadata['odd'] = { position: { x: 0, y: 100 } };
    // Act
    const problems = validateContactFlow(JSON.stringify(flow));
    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/hello .*no NextAction, a dead end/),
        expect.stringMatching(/bye .*terminal action takes empty Transitions/),
        expect.stringMatching(/odd .*unknown action type/),
      ]),
    );
  });

  it('reports duplicate identifiers and actions no path reaches', () => {
    // Prepare
    const flow = minimalFlow();
    flow.Actions.push({ Identifier: 'bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
    flow.Actions.push({ Identifier: 'island', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} });
    flow.Metadata.ActionMetadata['island'] = { position: { x: 0, y: 100 } };
    // Act
    const problems = validateContactFlow(JSON.stringify(flow));
    // Assess
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/identifier bye is used by more than one action/), expect.stringMatching(/island is unreachable/)]),
    );
  });

  it('reports CheckHoursOfOperation without both its True and False conditions', () => {
    // Prepare
    const json = withAction({
      Identifier: 'hours',
      Type: 'CheckHoursOfOperation',
      Parameters: {},
      Transitions: {
        NextAction: 'bye',
        Conditions: [{ NextAction: 'bye', Condition: { Operator: 'Equals', Operands: ['True'] } }],
        Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'bye' }],
      },
    });
    // Act
    const problems = validateContactFlow(json);
    // Assess
    expect(problems).toEqual([expect.stringMatching(/hours .*Equals True and Equals False/)]);
  });

  it('reports a Lambda invocation allowed more than 8 seconds', () => {
    // Prepare
    const json = withAction({
      Identifier: 'lambda',
      Type: 'InvokeLambdaFunction',
      Parameters: { LambdaFunctionARN: 'arn:aws:lambda:us-east-1:111122223333:function:f', InvocationTimeLimitSeconds: '9' },
      Transitions: { NextAction: 'bye', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'bye' }] },
    });
    // Act
    const problems = validateContactFlow(json);
    // Assess
    expect(problems).toEqual([expect.stringMatching(/lambda .*InvocationTimeLimitSeconds must be an integer from 1 to 8/)]);
  });

  it('reports an action the console cannot place, and metadata for an action that does not exist', () => {
    // Prepare
    const flow = minimalFlow();
    flow.Metadata.ActionMetadata = { hello: { position: { x: 0, y: 0 } }, gone: { position: { x: 0, y: 0 } } };
    // Act
    const problems = validateContactFlow(JSON.stringify(flow));
    // Assess
    expect(problems).toEqual([expect.stringMatching(/bye has no position/), expect.stringMatching(/names gone, which is not an action/)]);
  });

  it('reports the placeholders of an unrendered template, but not a CDK token', () => {
    // Prepare
    const template = readFileSync(new URL('../../contact-flows/patient-ivr.json', import.meta.url), 'utf8');
    // Act
    const problems = validateContactFlow(template);
    // Assess
    expect(problems).toEqual([expect.stringMatching(/placeholder\(s\) left unrendered: .*\$\{PatientAuthBotAliasArn\}/)]);
    expect(validateContactFlow(template.replaceAll(/\$\{[A-Za-z]+\}/g, '${Token[TOKEN.7]}'))).toEqual([]);
  });
});
