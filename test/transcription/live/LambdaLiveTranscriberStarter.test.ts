import { InvokeCommand, LambdaClient, ResourceNotFoundException, TooManyRequestsException } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaLiveTranscriberStarter } from '../../../fulfillment/transcription/live';
import { CONTACT_A, START_FRAGMENT, STREAM_ARN } from '../../support/audioFixtures';
import { MemoryLogger } from '../../support/memoryLogger';

const lambda = mockClient(LambdaClient);
const REQUEST = { contactId: CONTACT_A, streamArn: STREAM_ARN, startFragmentNumber: START_FRAGMENT, startTimestamp: '1700000000000' };

function starter(timeoutMs?: number) {
  return new LambdaLiveTranscriberStarter({ client: new LambdaClient({ region: 'us-east-1' }), functionName: 'clinic-ivr-live-transcriber', logger: new MemoryLogger(), ...(timeoutMs ? { timeoutMs } : {}) });
}

afterEach(() => lambda.reset());

describe('LambdaLiveTranscriberStarter', () => {
  it('invokes the live transcriber asynchronously with the contact id and where the audio is, nothing else', async () => {
    // Prepare
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    // Act
    const outcome = await starter().start({ ...REQUEST, ...({ patientId: 'never-sent' } as object) });
    // Assess
    expect(outcome).toBe('started');
    expect(lambda).toHaveReceivedCommandWith(InvokeCommand, { FunctionName: 'clinic-ivr-live-transcriber', InvocationType: 'Event' });
    const payload = lambda.commandCalls(InvokeCommand)[0]?.args[0].input.Payload as Uint8Array;
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(REQUEST);
  });

  it('answers throttled when Lambda refuses with TooManyRequestsException (reserved concurrency reached)', async () => {
    // Prepare
    lambda.on(InvokeCommand).rejects(new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {}, Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' }));
    // Act
    const outcome = await starter().start(REQUEST);
    // Assess
    expect(outcome).toBe('throttled');
  });

  it('answers failed for any other error, and never throws', async () => {
    // Prepare
    lambda.on(InvokeCommand).rejects(new ResourceNotFoundException({ $metadata: {}, message: 'no such function' }));
    // Act
    const outcome = await starter().start(REQUEST);
    // Assess
    expect(outcome).toBe('failed');
  });

  it('answers failed when Lambda does not take the event within its timeout', async () => {
    // Prepare
    lambda.on(InvokeCommand).callsFake(
      (_input, getClient) =>
        new Promise((_resolve, reject) => {
          void getClient;
          setTimeout(() => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })), 1_000);
        }),
    );
    const started = performance.now();
    // Act
    const outcome = await starter(50).start(REQUEST);
    // Assess
    expect(outcome).toBe('failed');
    expect(performance.now() - started).toBeLessThan(900);
  });
});
