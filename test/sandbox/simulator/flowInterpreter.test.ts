import type { ConnectContactFlowEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  FlowActionLimitError,
  MissingTransitionError,
  newContact,
  referenceValue,
  runFlow,
  UnknownActionTypeError,
  UnsupportedReferenceError,
  type FlowInterpreterOptions,
  type LexConversation,
  type LocalLambda,
  type LocalLexBot,
  type SpokenMessage,
} from '../../../sandbox/simulator/connect';
import { recorder, scriptOf } from '../../support/callRecorder';

/** A flow document of `actions`, starting at the first. */
function flowOf(...actions: object[]): string {
  const first = actions[0] as { Identifier: string };
  return JSON.stringify({ Version: '2019-10-30', StartAction: first.Identifier, Actions: actions });
}

/** MessageParticipant speaking `text`, then `next`. */
function message(id: string, text: string, next: string): object {
  return { Identifier: id, Type: 'MessageParticipant', Parameters: { Text: text }, Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: next }] } };
}

const hangUp = { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} };

/** An action that goes to `next`, or to `onError` on its catch-all error. */
function action(id: string, type: string, parameters: object, next: string, onError = next): object {
  return { Identifier: id, Type: type, Parameters: parameters, Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: onError }] } };
}

/** Compare on `value`, one Equals condition per entry of `branches`, no match to `otherwise`. */
function compare(id: string, value: string, branches: Record<string, string>, otherwise: string): object {
  return {
    Identifier: id,
    Type: 'Compare',
    Parameters: { ComparisonValue: value },
    Transitions: {
      NextAction: otherwise,
      Conditions: Object.entries(branches).map(([operand, next]) => ({ NextAction: next, Condition: { Operator: 'Equals', Operands: [operand] } })),
      Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: otherwise }],
    },
  };
}

function run(flow: string, options: Partial<FlowInterpreterOptions> = {}) {
  const print = recorder();
  const outcome = runFlow({ flow, contact: { contactId: 'contact-1', customerNumber: '+16085550142' }, lines: scriptOf([]), print, ...options });
  return { print, outcome };
}

/** A bot that closes on the first line with `intent`, setting `reply` from what it was given. */
function echoBot(name: string, intent: string): LocalLexBot & { opened: number } {
  const bot = {
    name,
    opened: 0,
    open: (): LexConversation => {
      bot.opened += 1;
      const conversation: LexConversation = {
        attributes: {},
        say: async (input) => {
          const turns = String(Number(conversation.attributes['turns'] ?? '0') + 1);
          conversation.attributes = { ...conversation.attributes, heard: input.transcript, turns };
          return { spoken: [`${name} heard you`], decisions: ['Close'], closed: 'Fulfilled', intent };
        },
      };
      return conversation;
    },
  };
  return bot;
}

describe('flow interpreter: transitions', () => {
  it('takes the Compare branch whose Equals operand matches, and NoMatchingCondition otherwise', async () => {
    // Prepare
    const flow = (tier: string) =>
      flowOf(
        action('set-tier', 'UpdateContactAttributes', { Attributes: { tier } }, 'check-tier'),
        compare('check-tier', '$.Attributes.tier', { gold: 'say-gold', silver: 'say-silver' }, 'say-other'),
        message('say-gold', 'gold caller', 'end'),
        message('say-silver', 'silver caller', 'end'),
        message('say-other', 'other caller', 'end'),
        hangUp,
      );
    // Act
    const silver = run(flow('silver'));
    const bronze = run(flow('bronze'));
    // Assess
    expect((await silver.outcome).path).toEqual(['set-tier', 'check-tier', 'say-silver', 'end']);
    expect(silver.print.heard).toEqual(['silver caller']);
    expect(silver.print.traces).toContain('flow: check-tier -> say-silver ($.Attributes.tier Equals silver)');
    expect((await bronze.outcome).path).toEqual(['set-tier', 'check-tier', 'say-other', 'end']);
    expect(bronze.print.traces.some((line) => line.startsWith('flow: check-tier -> say-other (error NoMatchingCondition'))).toBe(true);
  });

  it('compares numbers and text with the other condition operators', async () => {
    // Prepare
    const flow = flowOf(
      action('set', 'UpdateContactAttributes', { Attributes: { age: '81' } }, 'check'),
      {
        Identifier: 'check',
        Type: 'Compare',
        Parameters: { ComparisonValue: '$.Attributes.age' },
        Transitions: {
          NextAction: 'young',
          Conditions: [
            { NextAction: 'young', Condition: { Operator: 'NumberLessThan', Operands: ['65'] } },
            { NextAction: 'senior', Condition: { Operator: 'NumberGreaterOrEqualTo', Operands: ['65'] } },
          ],
          Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: 'young' }],
        },
      },
      message('young', 'young', 'end'),
      message('senior', 'senior', 'end'),
      hangUp,
    );
    // Act
    const { print, outcome } = run(flow);
    await outcome;
    // Assess
    expect(print.heard).toEqual(['senior']);
  });

  it('follows an error branch, and the NoMatchingError catch-all for an error type not wired', async () => {
    // Prepare: a flow attribute from a reference that is not set fails the action (all or none).
    const flow = flowOf(
      action('store', 'UpdateFlowAttributes', { FlowAttributes: { token: { Value: '$.Lex.SessionAttributes.sessionToken' } } }, 'stored', 'apology'),
      message('stored', 'stored', 'transfer'),
      message('apology', 'sorry', 'transfer'),
      action('transfer', 'TransferContactToQueue', {}, 'end'),
      hangUp,
    );
    // Act
    const { print, outcome } = run(flow);
    const result = await outcome;
    // Assess: no target queue is an error too; both take NoMatchingError.
    expect(result.path).toEqual(['store', 'apology', 'transfer', 'end']);
    expect(print.heard).toEqual(['sorry']);
    expect(result.contact.flowAttributes).toEqual({});
    expect(result.ending).toBe('disconnected');
  });

  it('stops a flow that loops without end at the action limit, naming where it was', async () => {
    // Prepare
    const flow = flowOf(message('ping', 'ping', 'pong'), message('pong', 'pong', 'ping'));
    // Act
    const { outcome } = run(flow, { maxActions: 10 });
    // Assess
    await expect(outcome).rejects.toThrow(FlowActionLimitError);
    await expect(outcome).rejects.toThrow(/more than 10 actions .*last: (ping|pong)/);
  });

  it('refuses an unknown action type before the call starts, naming the action', async () => {
    // Prepare
    const flow = flowOf(message('hello', 'hello', 'pigeon'), { Identifier: 'pigeon', Type: 'SendCarrierPigeon', Parameters: {}, Transitions: { NextAction: 'end' } }, hangUp);
    // Act
    const { print, outcome } = run(flow);
    // Assess
    await expect(outcome).rejects.toThrow(UnknownActionTypeError);
    await expect(outcome).rejects.toThrow('action pigeon: unknown action type SendCarrierPigeon');
    expect(print.heard).toEqual([]);
  });

  it('reports a transition to a missing action, and an outcome with no transition', async () => {
    // Prepare
    const dangling = flowOf(message('hello', 'hello', 'nowhere'), hangUp);
    const unwired = flowOf(
      { Identifier: 'check', Type: 'Compare', Parameters: { ComparisonValue: '$.Attributes.x' }, Transitions: { Conditions: [{ NextAction: 'end', Condition: { Operator: 'Equals', Operands: ['y'] } }] } },
      hangUp,
    );
    // Act
    const first = run(dangling).outcome;
    const second = run(unwired).outcome;
    // Assess
    await expect(first).rejects.toThrow(MissingTransitionError);
    await expect(first).rejects.toThrow('action hello: NextAction points to nowhere, which is not an action of the flow');
    await expect(second).rejects.toThrow(MissingTransitionError);
    await expect(second).rejects.toThrow(/action check: no transition for error NoMatchingCondition/);
  });

  it('ends the call when the hours check says closed, after the target queue is set', async () => {
    // Prepare
    const flow = (withQueue: boolean) =>
      flowOf(
        ...(withQueue ? [action('queue', 'UpdateContactTargetQueue', { QueueId: 'arn:aws:connect:local:000000000000:instance/i/queue/q' }, 'hours')] : []),
        {
          Identifier: 'hours',
          Type: 'CheckHoursOfOperation',
          Parameters: {},
          Transitions: {
            NextAction: 'closed',
            Conditions: [
              { NextAction: 'transfer', Condition: { Operator: 'Equals', Operands: ['True'] } },
              { NextAction: 'closed', Condition: { Operator: 'Equals', Operands: ['False'] } },
            ],
            Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'failed' }],
          },
        },
        action('transfer', 'TransferContactToQueue', {}, 'failed'),
        message('closed', 'we are closed', 'end'),
        message('failed', 'transfer failed', 'end'),
        hangUp,
      );
    // Act
    const open = await run(flow(true)).outcome;
    const closed = run(flow(true), { clinic: { open: false } });
    const noQueue = run(flow(false));
    // Assess
    expect(open.ending).toBe('transferred');
    expect(open.record.QueueArn).toBe('arn:aws:connect:local:000000000000:instance/i/queue/q');
    await closed.outcome;
    expect(closed.print.heard).toEqual(['we are closed']);
    await noQueue.outcome;
    expect(noQueue.print.heard).toEqual(['transfer failed']);
  });
});

describe('flow interpreter: data', () => {
  it('evaluates $. references against the contact, and refuses a namespace it does not know', () => {
    // Prepare
    const contact = newContact({ contactId: 'contact-1', customerNumber: '+16085550142', systemNumber: '+15555550100' });
    contact.flowAttributes['token'] = 'secret';
    contact.lex = { botName: 'PatientAuth', intentName: 'VerifyIdentity', sessionAttributes: { authResult: 'ok' } };
    // Act / Assess
    expect(referenceValue('$.CustomerEndpoint.Address', contact)).toBe('+16085550142');
    expect(referenceValue('$.FlowAttributes.token', contact)).toBe('secret');
    expect(referenceValue('$.Lex.IntentName', contact)).toBe('VerifyIdentity');
    expect(referenceValue('$.Lex.SessionAttributes.authResult', contact)).toBe('ok');
    expect(referenceValue('$.Attributes.token', contact)).toBeUndefined();
    expect(referenceValue('$.External.captureResult', contact)).toBeUndefined();
    expect(() => referenceValue('$.Secrets.key', contact)).toThrow(UnsupportedReferenceError);
    expect(() => referenceValue("$.Attributes['a b']", contact)).toThrow(UnsupportedReferenceError);
  });

  it('starts a task contact as StartTaskContact does: channel TASK by the API, its attributes set, no phone numbers', () => {
    // Act
    const task = newContact({ contactId: 'task-1', channel: 'TASK', attributes: { kind: 'message', urgency: 'urgent' } });
    // Assess
    expect(referenceValue('$.Channel', task)).toBe('TASK');
    expect(referenceValue('$.InitiationMethod', task)).toBe('API');
    expect(referenceValue('$.Attributes.urgency', task)).toBe('urgent');
    expect(referenceValue('$.CustomerEndpoint.Address', task)).toBeUndefined();
    expect(referenceValue('$.SystemEndpoint.Address', task)).toBeUndefined();
  });

  it('keeps flow attributes out of the contact record and out of the Lambda event', async () => {
    // Prepare
    const events: ConnectContactFlowEvent[] = [];
    const spy: LocalLambda = async (event) => {
      events.push(event);
      return {};
    };
    const flow = flowOf(
      action('flow-attr', 'UpdateFlowAttributes', { FlowAttributes: { sessionToken: { Value: 'token-123' } } }, 'contact-attr'),
      action('contact-attr', 'UpdateContactAttributes', { Attributes: { reason: 'medications', caller: '$.CustomerEndpoint.Address' } }, 'lambda'),
      action('lambda', 'InvokeLambdaFunction', { LambdaFunctionARN: 'arn:local:spy', InvocationTimeLimitSeconds: '3', LambdaInvocationAttributes: { token: '$.FlowAttributes.sessionToken' } }, 'end'),
      hangUp,
    );
    // Act
    const { print, outcome } = run(flow, { functions: { 'arn:local:spy': spy } });
    const result = await outcome;
    // Assess
    expect(result.record.Attributes).toEqual({ reason: 'medications', caller: '+16085550142' });
    expect(JSON.stringify(result.record)).not.toContain('token-123');
    expect(print.traces.find((line) => line.startsWith('contact record:'))).not.toContain('token-123');
    expect(events[0]?.Details.ContactData.Attributes).toEqual({ reason: 'medications', caller: '+16085550142' });
    // Passed on purpose, as a parameter.
    expect(events[0]?.Details.Parameters).toEqual({ token: 'token-123' });
  });

  it('speaks prompts with their $. references filled in, and SSML as heard', async () => {
    // Prepare
    const flow = flowOf(
      action('set', 'UpdateContactAttributes', { Attributes: { name: 'Eleanor' } }, 'text'),
      message('text', 'Hello $.Attributes.name, you called from $.CustomerEndpoint.Address.', 'ssml'),
      { Identifier: 'ssml', Type: 'MessageParticipant', Parameters: { SSML: '<speak>One <break time="300ms"/> moment &amp; thanks.</speak>' }, Transitions: { NextAction: 'end', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] } },
      hangUp,
    );
    // Act
    const { print, outcome } = run(flow);
    await outcome;
    // Assess
    expect(print.heard).toEqual(['Hello Eleanor, you called from +16085550142.', 'One moment & thanks.']);
  });
});

describe('flow interpreter: Lex blocks', () => {
  it('passes evaluated session attributes, and exposes the bot state as $.Lex after it closes', async () => {
    // Prepare
    const bot = echoBot('Echo', 'SayHello');
    const lexBlock = (id: string, next: string) =>
      action(id, 'ConnectParticipantWithLexBot', { Text: 'Say something.', LexV2Bot: { AliasArn: 'arn:local:echo' }, LexSessionAttributes: { callerNumber: '$.CustomerEndpoint.Address', mode: 'static', absent: '$.Attributes.none' } }, next);
    const flow = flowOf(
      lexBlock('bot-1', 'check-intent'),
      compare('check-intent', '$.Lex.IntentName', { SayHello: 'bot-2' }, 'end'),
      lexBlock('bot-2', 'keep'),
      action('keep', 'UpdateContactAttributes', { Attributes: { heard: '$.Lex.SessionAttributes.heard', turns: '$.Lex.SessionAttributes.turns', number: '$.Lex.SessionAttributes.callerNumber' } }, 'end'),
      hangUp,
    );
    // Act
    const { print, outcome } = run(flow, { bots: { 'arn:local:echo': bot }, lines: scriptOf(['hello there', 'again']) });
    const result = await outcome;
    // Assess: one session for the contact, kept across both runs of the block.
    expect(result.path).toEqual(['bot-1', 'check-intent', 'bot-2', 'keep', 'end']);
    expect(bot.opened).toBe(1);
    expect(result.record.Attributes).toEqual({ heard: 'again', turns: '2', number: '+16085550142' });
    expect(result.lexSessions['Echo']).toMatchObject({ mode: 'static', callerNumber: '+16085550142' });
    expect(result.lexSessions['Echo']).not.toHaveProperty('absent');
    expect(print.heard.slice(0, 2)).toEqual(['Say something.', 'Echo heard you']);
    expect(result.turns).toBe(2);
  });

  it('ends the call as a hang-up when the caller stops mid-conversation, and at the line limit', async () => {
    // Prepare
    const flow = flowOf(action('bot', 'ConnectParticipantWithLexBot', { LexV2Bot: { AliasArn: 'arn:local:echo' } }, 'bot'), hangUp);
    const bots = { 'arn:local:echo': echoBot('Echo', 'SayHello') };
    // Act
    const hungUp = await run(flow, { bots, lines: scriptOf(['one', 'two']) }).outcome;
    const limited = await run(flow, { bots, lines: { next: async () => 'again' }, maxCallerLines: 5 }).outcome;
    // Assess
    expect(hungUp).toMatchObject({ ending: 'hangup', turns: 2 });
    expect(limited).toMatchObject({ ending: 'limit', turns: 5 });
  });
});

describe('flow interpreter: keypad input', () => {
  it('branches on the keyed digits without StoreInput, and times out on silence or speech', async () => {
    // Prepare
    const flow = flowOf(
      {
        Identifier: 'menu',
        Type: 'GetParticipantInput',
        Parameters: { Text: 'Press 1 or 2.', InputTimeLimitSeconds: '5' },
        Transitions: {
          NextAction: 'unknown',
          Conditions: [
            { NextAction: 'one', Condition: { Operator: 'Equals', Operands: ['1'] } },
            { NextAction: 'two', Condition: { Operator: 'Equals', Operands: ['2'] } },
          ],
          Errors: [
            { ErrorType: 'InputTimeLimitExceeded', NextAction: 'silence' },
            { ErrorType: 'NoMatchingCondition', NextAction: 'unknown' },
            { ErrorType: 'NoMatchingError', NextAction: 'unknown' },
          ],
        },
      },
      message('one', 'one', 'end'),
      message('two', 'two', 'end'),
      message('unknown', 'unknown', 'end'),
      message('silence', 'silence', 'end'),
      hangUp,
    );
    // Act
    const heard = async (line: string) => {
      const { print, outcome } = run(flow, { lines: scriptOf([line]) });
      await outcome;
      return print.heard.slice(1);
    };
    // Assess
    expect(await heard('2')).toEqual(['two']);
    expect(await heard('7')).toEqual(['unknown']);
    // A voice call's keypad input hears no speech: it times out, the line left for the next block.
    expect(await heard('two please')).toEqual(['silence']);
    expect(await heard('')).toEqual(['silence']);
  });
});

describe('flow interpreter: capture blocks', () => {
  const captureFlow = flowOf(
    action('stream-on', 'UpdateContactMediaStreamingBehavior', { MediaStreamingState: 'Enabled', MediaStreamType: 'Audio', Participants: [{ ParticipantType: 'Customer', MediaDirections: ['From'] }] }, 'start', 'failed'),
    action('start', 'InvokeLambdaFunction', { LambdaFunctionARN: 'arn:local:capture', InvocationTimeLimitSeconds: '8', LambdaInvocationAttributes: { action: 'start' } }, 'check-start', 'failed'),
    compare('check-start', '$.External.captureResult', { started: 'listen' }, 'failed'),
    {
      Identifier: 'listen',
      Type: 'GetParticipantInput',
      Parameters: { Text: 'Speak after the tone.', StoreInput: 'True', DTMFConfiguration: { InputTerminationSequence: '#' }, InputTimeLimitSeconds: '120' },
      Transitions: {
        NextAction: 'stream-off',
        Errors: [
          { ErrorType: 'InputTimeLimitExceeded', NextAction: 'silence' },
          { ErrorType: 'NoMatchingError', NextAction: 'stream-off' },
        ],
      },
    },
    message('silence', 'I did not hear anything.', 'stream-off'),
    action('stream-off', 'UpdateContactMediaStreamingBehavior', { MediaStreamingState: 'Disabled', MediaStreamType: 'Audio', Participants: [{ ParticipantType: 'Customer', MediaDirections: ['From'] }] }, 'stop'),
    action('stop', 'InvokeLambdaFunction', { LambdaFunctionARN: 'arn:local:capture', InvocationTimeLimitSeconds: '8', LambdaInvocationAttributes: { action: 'stop' } }, 'check-stop', 'failed'),
    compare('check-stop', '$.External.captureResult', { closed: 'sent' }, 'failed'),
    message('sent', 'Your message was sent.', 'end'),
    message('failed', 'I could not take a message.', 'end'),
    hangUp,
  );

  it('streams while the caller speaks, hands the message to the recording hook, and gives Lambda the stream', async () => {
    // Prepare
    const events: ConnectContactFlowEvent[] = [];
    const capture: LocalLambda = async (event) => {
      events.push(event);
      return { captureResult: event.Details.Parameters['action'] === 'start' ? 'started' : 'closed' };
    };
    const messages: SpokenMessage[] = [];
    const media: string[] = [];
    // Act
    const { print, outcome } = run(captureFlow, {
      functions: { 'arn:local:capture': capture },
      lines: scriptOf(['I have had a cough for three days #']),
      hooks: {
        recording: { heard: (spoken) => void messages.push(spoken) },
        media: {
          start: (contactId) => (media.push(`start ${contactId}`), { StreamARN: 'arn:local:stream', StartFragmentNumber: '100', StartTimestamp: '1700000000000' }),
          stop: (contactId) => (media.push(`stop ${contactId}`), { StopFragmentNumber: '200', StopTimestamp: '1700000060000' }),
        },
      },
    });
    const result = await outcome;
    // Assess
    expect(print.heard).toEqual(['Speak after the tone.', 'Your message was sent.']);
    expect(messages).toEqual([{ contactId: 'contact-1', transcript: 'I have had a cough for three days', streaming: true }]);
    expect(media).toEqual(['start contact-1', 'stop contact-1']);
    expect(events[0]?.Details.ContactData.MediaStreams.Customer.Audio).toEqual({ StreamARN: 'arn:local:stream', StartFragmentNumber: '100', StartTimestamp: '1700000000000' });
    expect(events[1]?.Details.ContactData.MediaStreams.Customer.Audio).toMatchObject({ StreamARN: 'arn:local:stream', StopTimestamp: '1700000060000' });
    expect(events[0]).toMatchObject({ Name: 'ContactFlowEvent', Details: { ContactData: { ContactId: 'contact-1', CustomerEndpoint: { Address: '+16085550142' } }, Parameters: { action: 'start' } } });
    expect(result.contact.storedInput).toBe('');
    expect(result.ending).toBe('disconnected');
  });

  it('takes the timeout branch when the caller says nothing while the input is open', async () => {
    // Prepare
    const capture: LocalLambda = async (event) => ({ captureResult: event.Details.Parameters['action'] === 'start' ? 'started' : 'closed' });
    const messages: SpokenMessage[] = [];
    // Act
    const { print, outcome } = run(captureFlow, { functions: { 'arn:local:capture': capture }, lines: scriptOf(['']), hooks: { recording: { heard: (spoken) => void messages.push(spoken) } } });
    await outcome;
    // Assess
    expect(print.heard).toContain('I did not hear anything.');
    expect(messages).toEqual([]);
  });

  it('takes the error branch when the Lambda function throws, times out, or answers a nested map', async () => {
    // Prepare
    const throwing: LocalLambda = async () => {
      throw new Error('boom');
    };
    const silent: LocalLambda = () => new Promise(() => undefined);
    const nested: LocalLambda = async () => ({ captureResult: { status: 'started' } });
    const expireAtOnce = () => ({ expired: Promise.resolve(), cancel: () => undefined });
    // Act
    const threw = run(captureFlow, { functions: { 'arn:local:capture': throwing } });
    const timedOut = run(captureFlow, { functions: { 'arn:local:capture': silent }, deadline: expireAtOnce });
    const malformed = run(captureFlow, { functions: { 'arn:local:capture': nested } });
    // Assess
    for (const call of [threw, timedOut, malformed]) {
      const result = await call.outcome;
      expect(result.path.slice(0, 3)).toEqual(['stream-on', 'start', 'failed']);
      expect(call.print.heard).toEqual(['I could not take a message.']);
      // The stream does not outlive the contact.
      expect(result.contact.streaming).toBe(false);
    }
    expect(threw.print.traces.some((line) => line.includes('threw Error: boom'))).toBe(true);
    expect(timedOut.print.traces.some((line) => line.includes('did not answer within 8 s'))).toBe(true);
  });
});
